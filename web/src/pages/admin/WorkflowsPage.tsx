// Work order types for administrators: each type's statuses, the moves between them and who may
// make them, and its custom fields, edited as forms. Saving makes a new version; work orders
// already under way move to it only when the administrator applies it with a status mapping.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  applyWorkflowUpgrade, createWorkOrderType, getWorkOrderType, listWorkOrderTypes, previewWorkflowUpgrade, saveWorkOrderType,
} from '../../api/client';
import { ApiError } from '../../api/problem';
import type {
  FieldDefinition, Role, Tagged, UpgradePreview, WorkOrderStatus, WorkOrderTypeDetail, WorkOrderTypeSummary, WorkflowDefinition,
  WorkflowStatus, WorkflowTransition,
} from '../../api/types';
import { fieldKinds, roles, workOrderStatuses } from '../../api/types';
import { FormError, SelectField, TextField } from '../../components/forms';

/** Returns the messages of a rejected save: every workflow problem the server listed, or its detail. */
function problemsOf(error: unknown, offline: string): string[] {
  if (!(error instanceof ApiError)) return [offline];
  const fields = error.fieldErrors();
  const listed = Object.values(fields).flat();
  return listed.length > 0 ? listed : [error.generalMessage([]) ?? offline];
}

export function WorkflowsPage() {
  const { t } = useTranslation();
  const [types, setTypes] = useState<WorkOrderTypeSummary[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [newKey, setNewKey] = useState('');
  const [newName, setNewName] = useState('');
  const [createProblems, setCreateProblems] = useState<string[]>([]);

  const load = useCallback(() => {
    listWorkOrderTypes().then(setTypes, () => setTypes([]));
  }, []);
  useEffect(load, [load]);

  async function create() {
    setCreateProblems([]);
    try {
      // A new type starts from a copy of corrective work without its fields, which is valid as it is.
      const start = await getWorkOrderType('corrective');
      const workflow: WorkflowDefinition = {
        ...start.value.workflow,
        fields: [],
        transitions: start.value.workflow.transitions.map((transition) => ({ ...transition, requiredFields: [] })),
      };
      await createWorkOrderType(newKey.trim(), newName.trim(), workflow);
      setNewKey('');
      setNewName('');
      load();
      setSelected(newKey.trim());
    } catch (error) {
      setCreateProblems(problemsOf(error, t('common.offline')));
    }
  }

  return (
    <div className="page wide admin-workflows">
      <h1>{t('workflows.title')}</h1>
      <p className="hint">{t('workflows.intro')}</p>
      <ul className="chips">
        {types.map((type) => (
          <li key={type.key}>
            <button type="button" className={selected === type.key ? 'primary' : ''} onClick={() => setSelected(type.key)}>
              {type.name} <span className="meta">v{type.currentVersion}</span>
            </button>
          </li>
        ))}
      </ul>
      <details className="new-type">
        <summary>{t('workflows.newType')}</summary>
        <div className="grid-fields">
          <TextField label={t('workflows.key')} hint={t('workflows.keyHint')} value={newKey} onChange={(e) => setNewKey(e.target.value)} />
          <TextField label={t('workflows.name')} value={newName} onChange={(e) => setNewName(e.target.value)} />
        </div>
        <ProblemList problems={createProblems} />
        <button type="button" className="primary" onClick={() => void create()}>{t('workflows.create')}</button>
      </details>
      {selected && <TypeEditor key={selected} typeKey={selected} onSaved={load} />}
    </div>
  );
}

function ProblemList({ problems }: { problems: string[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <div className="form-error" role="alert">
      <p>{t('workflows.problems')}</p>
      <ul>{problems.map((problem) => <li key={problem}>{problem}</li>)}</ul>
    </div>
  );
}

function TypeEditor({ typeKey, onSaved }: { typeKey: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const [record, setRecord] = useState<Tagged<WorkOrderTypeDetail> | null>(null);
  const [name, setName] = useState('');
  const [workflow, setWorkflow] = useState<WorkflowDefinition | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);

  const load = useCallback(() => {
    getWorkOrderType(typeKey).then((found) => {
      setRecord(found);
      setName(found.value.name);
      setWorkflow(found.value.workflow);
    }, () => setProblems([t('common.loadFailed')]));
  }, [typeKey, t]);
  useEffect(load, [load]);

  if (!record || !workflow) return <p className="loading">{t('common.loading')}</p>;
  const statuses = workflow.statuses;
  const transitions = workflow.transitions;
  const fields = workflow.fields ?? [];
  const update = (change: Partial<WorkflowDefinition>) => setWorkflow({ ...workflow, ...change });
  const setStatus = (index: number, change: Partial<WorkflowStatus>) =>
    update({ statuses: statuses.map((s, i) => (i === index ? { ...s, ...change } : s)) });
  const setTransition = (index: number, change: Partial<WorkflowTransition>) =>
    update({ transitions: transitions.map((s, i) => (i === index ? { ...s, ...change } : s)) });
  const setField = (index: number, change: Partial<FieldDefinition>) =>
    update({ fields: fields.map((s, i) => (i === index ? { ...s, ...change } : s)) });

  async function save() {
    setProblems([]);
    setSavedVersion(null);
    try {
      const saved = await saveWorkOrderType(typeKey, record!.etag, name.trim(), workflow!);
      setRecord(saved);
      setWorkflow(saved.value.workflow);
      setSavedVersion(saved.value.currentVersion);
      onSaved();
    } catch (error) {
      setProblems(problemsOf(error, t('common.offline')));
    }
  }

  return (
    <section className="type-editor" aria-labelledby="type-editor-title">
      <h2 id="type-editor-title">{t('workflows.editing', { name: record.value.name, version: record.value.currentVersion })}</h2>
      <TextField label={t('workflows.name')} value={name} onChange={(e) => setName(e.target.value)} />

      <h3>{t('workflows.statuses')}</h3>
      <p className="hint">{t('workflows.statusesHint')}</p>
      <ol className="plain-list editor-rows">
        {statuses.map((status, index) => (
          <li key={index} className="card editor-row" data-testid={`status-row-${index}`}>
            <TextField label={t('workflows.statusKey')} value={status.key} onChange={(e) => setStatus(index, { key: e.target.value })} />
            <TextField label={t('workflows.statusName')} value={status.name} onChange={(e) => setStatus(index, { name: e.target.value })} />
            <SelectField label={t('workflows.category')} value={status.category}
              onChange={(e) => setStatus(index, { category: e.target.value as WorkOrderStatus })}>
              {workOrderStatuses.map((category) => <option key={category} value={category}>{t(`status.${category}`)}</option>)}
            </SelectField>
            <button type="button" onClick={() => update({ statuses: statuses.filter((_, i) => i !== index) })}>{t('workflows.remove')}</button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => update({ statuses: [...statuses, { key: '', name: '', category: 'in_progress' }] })}>
        {t('workflows.addStatus')}
      </button>
      <SelectField label={t('workflows.initialStatus')} value={workflow.initialStatus} onChange={(e) => update({ initialStatus: e.target.value })}>
        {statuses.map((status) => <option key={status.key} value={status.key}>{status.name || status.key}</option>)}
      </SelectField>

      <h3>{t('workflows.transitions')}</h3>
      <p className="hint">{t('workflows.transitionsHint')}</p>
      <ol className="plain-list editor-rows">
        {transitions.map((transition, index) => (
          <li key={index} className="card editor-row" data-testid={`transition-row-${index}`}>
            <SelectField label={t('workflows.from')} value={transition.from} onChange={(e) => setTransition(index, { from: e.target.value })}>
              {statuses.map((status) => <option key={status.key} value={status.key}>{status.name || status.key}</option>)}
            </SelectField>
            <SelectField label={t('workflows.to')} value={transition.to} onChange={(e) => setTransition(index, { to: e.target.value })}>
              {statuses.map((status) => <option key={status.key} value={status.key}>{status.name || status.key}</option>)}
            </SelectField>
            <fieldset className="checks">
              <legend>{t('workflows.whoMay')}</legend>
              {roles.filter((role) => role !== 'requester').map((role) => {
                const chosen = transition.roles ?? [];
                return (
                  <label key={role}>
                    <input type="checkbox" checked={chosen.includes(role)} onChange={() => {
                      const next = chosen.includes(role) ? chosen.filter((r) => r !== role) : [...chosen, role as Role];
                      setTransition(index, { roles: next.length === 0 ? null : next });
                    }} />
                    {t(`role.${role}`)}
                  </label>
                );
              })}
              <label>
                <input type="checkbox" checked={transition.assignee ?? false} onChange={(e) => setTransition(index, { assignee: e.target.checked })} />
                {t('workflows.assignee')}
              </label>
              {!transition.roles && <p className="hint">{t('workflows.defaultRoles')}</p>}
            </fieldset>
            <label className="check-line">
              <input type="checkbox" checked={transition.requiresReason ?? false} onChange={(e) => setTransition(index, { requiresReason: e.target.checked })} />
              {t('workflows.requiresReason')}
            </label>
            {fields.length > 0 && (
              <fieldset className="checks">
                <legend>{t('workflows.requiredFields')}</legend>
                {fields.map((field) => {
                  const required = transition.requiredFields ?? [];
                  return (
                    <label key={field.key}>
                      <input type="checkbox" checked={required.includes(field.key)} onChange={() => setTransition(index, {
                        requiredFields: required.includes(field.key) ? required.filter((k) => k !== field.key) : [...required, field.key],
                      })} />
                      {field.label}
                    </label>
                  );
                })}
              </fieldset>
            )}
            <button type="button" onClick={() => update({ transitions: transitions.filter((_, i) => i !== index) })}>{t('workflows.remove')}</button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => update({
        transitions: [...transitions, { from: statuses[0]?.key ?? '', to: statuses[1]?.key ?? '', roles: null, assignee: false, requiresReason: false, requiredFields: [], readOnlyFields: [], hiddenFields: [] }],
      })}>
        {t('workflows.addTransition')}
      </button>

      <h3>{t('workflows.fields')}</h3>
      <ol className="plain-list editor-rows">
        {fields.map((field, index) => (
          <li key={index} className="card editor-row">
            <TextField label={t('workflows.fieldKey')} value={field.key} onChange={(e) => setField(index, { key: e.target.value })} />
            <TextField label={t('workflows.fieldLabel')} value={field.label} onChange={(e) => setField(index, { label: e.target.value })} />
            <SelectField label={t('workflows.fieldKind')} value={field.kind} onChange={(e) => setField(index, { kind: e.target.value as FieldDefinition['kind'] })}>
              {fieldKinds.map((kind) => <option key={kind} value={kind}>{t(`fieldKind.${kind}`)}</option>)}
            </SelectField>
            {field.kind === 'number' && (
              <TextField label={t('workflows.unit')} value={field.unit ?? ''} onChange={(e) => setField(index, { unit: e.target.value || null })} />
            )}
            {(field.kind === 'choice' || field.kind === 'multi_choice') && (
              <TextField label={t('workflows.options')} hint={t('workflows.optionsHint')} value={(field.options ?? []).join(', ')}
                onChange={(e) => setField(index, { options: e.target.value.split(',').map((o) => o.trim()).filter(Boolean) })} />
            )}
            <label className="check-line">
              <input type="checkbox" checked={field.requiredOnCreate ?? false} onChange={(e) => setField(index, { requiredOnCreate: e.target.checked })} />
              {t('workflows.requiredOnCreate')}
            </label>
            <button type="button" onClick={() => update({ fields: fields.filter((_, i) => i !== index) })}>{t('workflows.remove')}</button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => update({ fields: [...fields, { key: '', label: '', kind: 'text', options: [], requiredOnCreate: false }] })}>
        {t('workflows.addField')}
      </button>

      <div className="save-bar">
        <ProblemList problems={problems} />
        <button type="button" className="primary big" onClick={() => void save()}>{t('workflows.save')}</button>
        {savedVersion !== null && <p role="status" className="saved-note">{t('workflows.saved', { version: savedVersion })}</p>}
      </div>
      {savedVersion !== null && <UpgradePanel typeKey={typeKey} statuses={statuses} />}
    </section>
  );
}

/** Previews moving work orders under way to the newest version, with a mapping for removed statuses, then applies it. */
function UpgradePanel({ typeKey, statuses }: { typeKey: string; statuses: WorkflowStatus[] }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<UpgradePreview | null>(null);
  const [map, setMap] = useState<Record<string, string>>({});
  const [applied, setApplied] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const refresh = useCallback((statusMap: Record<string, string>) => {
    previewWorkflowUpgrade(typeKey, statusMap).then(setPreview, () => setFailure(t('common.offline')));
  }, [typeKey, t]);
  useEffect(() => refresh({}), [refresh]);

  async function apply() {
    setFailure(null);
    try {
      const result = await applyWorkflowUpgrade(typeKey, map);
      setApplied(result.workOrderCount);
    } catch (error) {
      setFailure(problemsOf(error, t('common.offline')).join(' '));
    }
  }

  if (!preview || preview.workOrderCount === 0) return null;
  return (
    <section className="card upgrade" aria-labelledby="upgrade-title">
      <h3 id="upgrade-title">{t('workflows.upgradeTitle', { count: preview.workOrderCount, version: preview.toVersion })}</h3>
      <ul className="plain-list">
        {preview.statuses.map((row) => (
          <li key={`${row.fromVersion}-${row.fromStatus}`}>
            {t('workflows.upgradeRow', { count: row.count, status: row.fromStatus, version: row.fromVersion })}{' '}
            <SelectField label={t('workflows.moveTo')} value={map[row.fromStatus] ?? row.toStatus ?? ''} onChange={(e) => {
              const next = { ...map, [row.fromStatus]: e.target.value };
              setMap(next);
              refresh(next);
            }}>
              <option value="">{t('fields.choose')}</option>
              {statuses.map((status) => <option key={status.key} value={status.key}>{status.name}</option>)}
            </SelectField>
          </li>
        ))}
      </ul>
      <ProblemList problems={preview.problems} />
      <FormError message={failure} />
      <button type="button" className="primary" disabled={preview.problems.length > 0} onClick={() => void apply()}>{t('workflows.apply')}</button>
      {applied !== null && <p role="status">{t('workflows.applied', { count: applied })}</p>}
    </section>
  );
}
