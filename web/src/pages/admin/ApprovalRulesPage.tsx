// Approval rules: which work orders need whose approval before they may pass a status. The form
// creates a rule, or edits the rule chosen with its Edit button.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createApprovalRule, listApprovalRules, listWorkOrderTypes, updateApprovalRule } from '../../api/client';
import { etagFor } from '../../lib/lifecycle';
import type { ApprovalRule, ApprovalStep, Role, WorkOrderStatus, WorkOrderTypeSummary } from '../../api/types';
import { roles } from '../../api/types';
import { FormError, SelectField, TextField, describeFailure, noFailure, type SubmitFailure } from '../../components/forms';

// A step names the location manager, a role, or one user as `user:<id>`.
type StepChoice = 'location_manager' | Role | `user:${number}`;

function toChoice(step: ApprovalStep): StepChoice {
  if (step.locationManager) return 'location_manager';
  if (step.userId) return `user:${step.userId}`;
  return step.role ?? 'dispatcher';
}

function toStep(choice: StepChoice): ApprovalStep {
  if (choice === 'location_manager') return { locationManager: true };
  if (choice.startsWith('user:')) return { userId: Number(choice.slice('user:'.length)) };
  return { role: choice as Role };
}

export function ApprovalRulesPage() {
  const { t } = useTranslation();
  const [rules, setRules] = useState<ApprovalRule[]>([]);
  const [types, setTypes] = useState<WorkOrderTypeSummary[]>([]);
  const [name, setName] = useState('');
  const [type, setType] = useState('');
  const [cost, setCost] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [gate, setGate] = useState<WorkOrderStatus>('in_progress');
  const [steps, setSteps] = useState<StepChoice[]>(['location_manager']);
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [editing, setEditing] = useState<ApprovalRule | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function setActive(rule: ApprovalRule, isActive: boolean) {
    setFailure(noFailure);
    try {
      await updateApprovalRule(rule.id, etagFor(rule.id, rule.version), { ...rule, isActive });
      load();
    } catch (error) {
      setFailure(describeFailure(error, [], t('common.offline')));
    }
  }

  const load = useCallback(() => {
    listApprovalRules().then(setRules, () => setRules([]));
    listWorkOrderTypes().then(setTypes, () => setTypes([]));
  }, []);
  useEffect(load, [load]);

  function resetForm() {
    setEditing(null);
    setName('');
    setType('');
    setCost('');
    setCurrency('EUR');
    setGate('in_progress');
    setSteps(['location_manager']);
    setFailure(noFailure);
  }

  function startEdit(rule: ApprovalRule) {
    setEditing(rule);
    setSaved(null);
    setFailure(noFailure);
    setName(rule.name);
    setType(rule.workOrderType ?? '');
    setCost(rule.minEstimatedCost === null ? '' : String(rule.minEstimatedCost));
    setCurrency(rule.currency ?? 'EUR');
    setGate(rule.gateStatus);
    setSteps(rule.steps.length > 0 ? rule.steps.map(toChoice) : ['location_manager']);
  }

  async function save() {
    setFailure(noFailure);
    setSaved(null);
    const input = {
      name: name.trim(), isActive: editing?.isActive ?? true, workOrderType: type || null, minEstimatedCost: cost ? Number(cost) : null,
      currency: cost ? currency.trim().toUpperCase() : null, gateStatus: gate, steps: steps.map(toStep),
    };
    try {
      if (editing) {
        // Conditions the form does not show are sent back unchanged, because the request replaces the whole rule.
        await updateApprovalRule(editing.id, etagFor(editing.id, editing.version), {
          ...input, minPriority: editing.minPriority, locationId: editing.locationId,
        });
        setSaved(t('approvalRules.saved', { name: input.name }));
      } else {
        await createApprovalRule(input);
      }
      resetForm();
      load();
    } catch (error) {
      setFailure(describeFailure(error, ['name', 'steps', 'currency', 'minEstimatedCost', 'gateStatus'], t('common.offline')));
    }
  }

  function describeStep(step: ApprovalStep): string {
    if (step.locationManager) return t('approvalRules.locationManager');
    if (step.role) return t(`role.${step.role}`);
    return t('approvalRules.user', { id: step.userId });
  }

  return (
    <div className="page">
      <h1>{t('approvalRules.title')}</h1>
      <p className="hint">{t('approvalRules.intro')}</p>
      <ul className="plain-list">
        {rules.map((rule) => (
          <li key={rule.id} className="card">
            <strong>{rule.name}</strong>
            <p className="hint">
              {[rule.workOrderType && t('approvalRules.whenType', { type: rule.workOrderType }),
                rule.minEstimatedCost !== null && t('approvalRules.whenCost', { cost: rule.minEstimatedCost, currency: rule.currency }),
                t('approvalRules.gate', { status: t(`status.${rule.gateStatus}`) })].filter(Boolean).join(' · ')}
            </p>
            <p>{t('approvalRules.steps', { steps: rule.steps.map(describeStep).join(' → ') })}</p>
            <label className="check-line">
              <input type="checkbox" checked={rule.isActive} onChange={(e) => void setActive(rule, e.target.checked)} />
              {t('approvalRules.active')}
            </label>
            <button type="button" onClick={() => startEdit(rule)}>{t('approvalRules.edit', { name: rule.name })}</button>
          </li>
        ))}
      </ul>
      <section className="card">
        <h2>{editing ? t('approvalRules.editRule', { name: editing.name }) : t('approvalRules.newRule')}</h2>
        {editing && <p className="hint">{t('approvalRules.editHint')}</p>}
        {saved && <p role="status" className="saved-note">{saved}</p>}
        <FormError message={failure.general} />
        <TextField label={t('approvalRules.name')} value={name} onChange={(e) => setName(e.target.value)} errors={failure.fields.name} />
        <SelectField label={t('approvalRules.type')} value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">{t('approvalRules.anyType')}</option>
          {types.map((item) => <option key={item.key} value={item.key}>{item.name}</option>)}
        </SelectField>
        <div className="grid-fields">
          <TextField label={t('approvalRules.costOver')} type="number" inputMode="decimal" value={cost} onChange={(e) => setCost(e.target.value)}
            errors={failure.fields.minEstimatedCost} />
          <TextField label={t('approvalRules.currency')} value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value)}
            errors={failure.fields.currency} />
        </div>
        <SelectField label={t('approvalRules.gateStatus')} value={gate} onChange={(e) => setGate(e.target.value as WorkOrderStatus)}>
          {(['assigned', 'in_progress', 'completed', 'closed'] as const).map((status) => <option key={status} value={status}>{t(`status.${status}`)}</option>)}
        </SelectField>
        {steps.map((step, index) => (
          <SelectField key={index} label={t('approvalRules.stepLabel', { number: index + 1 })} value={step}
            onChange={(e) => setSteps(steps.map((s, i) => (i === index ? e.target.value as StepChoice : s)))} errors={index === 0 ? failure.fields.steps : undefined}>
            <option value="location_manager">{t('approvalRules.locationManager')}</option>
            {roles.filter((role) => role !== 'requester' && role !== 'vendor').map((role) => <option key={role} value={role}>{t(`role.${role}`)}</option>)}
            {step.startsWith('user:') && <option value={step}>{t('approvalRules.user', { id: step.slice('user:'.length) })}</option>}
          </SelectField>
        ))}
        <p>
          <button type="button" onClick={() => setSteps([...steps, 'dispatcher'])}>{t('approvalRules.addStep')}</button>{' '}
          {steps.length > 1 && <button type="button" onClick={() => setSteps(steps.slice(0, -1))}>{t('approvalRules.removeStep')}</button>}
        </p>
        <button type="button" className="primary" onClick={() => void save()}>{editing ? t('approvalRules.save') : t('approvalRules.create')}</button>
        {editing && <>{' '}<button type="button" onClick={resetForm}>{t('approvalRules.cancelEdit')}</button></>}
      </section>
    </div>
  );
}
