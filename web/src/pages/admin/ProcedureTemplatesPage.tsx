// Procedure templates: checklists of sections and steps, attached to work order types or asset
// types. Each new work order gets its own copy, so editing a template leaves earlier work alone.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createProcedureTemplate, listAssetTypes, listAssets, listProcedureTemplates, listWorkOrderTypes, updateProcedureTemplate, type ProcedureTemplateInput,
} from '../../api/client';
import { ApiError } from '../../api/problem';
import type { Asset, AssetType, ProcedureSection, ProcedureStep, ProcedureTemplate, StepKind, WorkOrderTypeSummary } from '../../api/types';
import { stepKinds } from '../../api/types';
import { SelectField, TextField } from '../../components/forms';
import { etagFor } from '../../lib/lifecycle';
import { TemplateLinks } from '../../components/procedures/TemplateLinks';

const emptyTemplate: ProcedureTemplateInput = {
  name: '', description: null, sections: [{ title: '', steps: [{ key: '', label: '', kind: 'check', required: true, options: [] }] }], attachTo: [{}],
};

export function ProcedureTemplatesPage() {
  const { t } = useTranslation();
  const [templates, setTemplates] = useState<ProcedureTemplate[]>([]);
  const [types, setTypes] = useState<WorkOrderTypeSummary[]>([]);
  const [assetTypes, setAssetTypes] = useState<AssetType[]>([]);
  const [assets, setAssets] = useState<Asset[]>([]);
  const [editing, setEditing] = useState<{ id: number | null; version: number; input: ProcedureTemplateInput } | null>(null);

  const load = useCallback(() => {
    listProcedureTemplates().then(setTemplates, () => setTemplates([]));
    listWorkOrderTypes().then(setTypes, () => setTypes([]));
    listAssetTypes().then(setAssetTypes, () => setAssetTypes([]));
    // NOTE: the asset choice lists only the first 200 assets, so a linked asset beyond them shows by its id.
    listAssets('pageSize=200').then((page) => setAssets(page.items), () => setAssets([]));
  }, []);
  useEffect(load, [load]);

  return (
    <div className="page">
      <h1>{t('procedures.title')}</h1>
      <p className="hint">{t('procedures.intro')}</p>
      <ul className="plain-list">
        {templates.map((template) => (
          <li key={template.id}>
            <button type="button" onClick={() => setEditing({
              id: template.id, version: template.version,
              input: { name: template.name, description: template.description, sections: template.sections, attachTo: template.attachTo },
            })}>
              {template.name}
            </button>{' '}
            <span className="hint">{t('procedures.stepCount', { count: template.sections.flatMap((s) => s.steps).length })}</span>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => setEditing({ id: null, version: 0, input: emptyTemplate })}>{t('procedures.new')}</button>
      {editing && (
        <TemplateEditor key={editing.id ?? 'new'} id={editing.id} version={editing.version} initial={editing.input}
          types={types} assetTypes={assetTypes} assets={assets} onSaved={() => { setEditing(null); load(); }} />
      )}
    </div>
  );
}

function TemplateEditor({ id, version, initial, types, assetTypes, assets, onSaved }: {
  id: number | null; version: number; initial: ProcedureTemplateInput; types: WorkOrderTypeSummary[]; assetTypes: AssetType[]; assets: Asset[];
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [input, setInput] = useState(initial);
  const [problems, setProblems] = useState<string[]>([]);
  const setSection = (index: number, change: Partial<ProcedureSection>) =>
    setInput({ ...input, sections: input.sections.map((s, i) => (i === index ? { ...s, ...change } : s)) });
  const setStep = (sectionIndex: number, stepIndex: number, change: Partial<ProcedureStep>) =>
    setSection(sectionIndex, { steps: input.sections[sectionIndex].steps.map((s, i) => (i === stepIndex ? { ...s, ...change } : s)) });
  const numberOrNull = (text: string) => (text === '' ? null : Number(text));

  async function save() {
    setProblems([]);
    // A link with no criterion left would match nothing, so it is dropped rather than rejected.
    const body = { ...input, attachTo: input.attachTo.filter((l) => l.workOrderType || l.assetTypeId || l.assetId) };
    try {
      if (id === null) await createProcedureTemplate(body);
      else await updateProcedureTemplate(id, etagFor(id, version), body);
      onSaved();
    } catch (error) {
      setProblems(error instanceof ApiError ? Object.values(error.fieldErrors()).flat().concat(error.generalMessage(Object.keys(error.fieldErrors())) ?? []) : [t('common.offline')]);
    }
  }

  return (
    <section className="card template-editor">
      <TextField label={t('procedures.name')} value={input.name} onChange={(e) => setInput({ ...input, name: e.target.value })} />
      <TemplateLinks links={input.attachTo} types={types} assetTypes={assetTypes} assets={assets}
        onChange={(attachTo) => setInput({ ...input, attachTo })} />
      {input.sections.map((section, sectionIndex) => (
        <fieldset key={sectionIndex} className="section-editor">
          <legend>{t('procedures.section', { number: sectionIndex + 1 })}</legend>
          <TextField label={t('procedures.sectionTitle')} value={section.title} onChange={(e) => setSection(sectionIndex, { title: e.target.value })} />
          {section.steps.map((step, stepIndex) => (
            <div key={stepIndex} className="card editor-row">
              <TextField label={t('procedures.stepLabel')} value={step.label} onChange={(e) => setStep(sectionIndex, stepIndex, { label: e.target.value })} />
              <TextField label={t('procedures.stepKey')} hint={t('workflows.keyHint')} value={step.key} onChange={(e) => setStep(sectionIndex, stepIndex, { key: e.target.value })} />
              <SelectField label={t('procedures.stepKind')} value={step.kind} onChange={(e) => setStep(sectionIndex, stepIndex, { kind: e.target.value as StepKind, meter: e.target.value === 'meter' ? step.meter : null })}>
                {stepKinds.map((kind) => <option key={kind} value={kind}>{t(`stepKind.${kind}`)}</option>)}
              </SelectField>
              {(step.kind === 'number' || step.kind === 'meter') && (
                <div className="grid-fields">
                  <TextField label={t('procedures.unit')} value={step.unit ?? ''} onChange={(e) => setStep(sectionIndex, stepIndex, { unit: e.target.value || null })} />
                  <TextField label={t('procedures.min')} type="number" value={step.min?.toString() ?? ''} onChange={(e) => setStep(sectionIndex, stepIndex, { min: numberOrNull(e.target.value) })} />
                  <TextField label={t('procedures.max')} type="number" value={step.max?.toString() ?? ''} onChange={(e) => setStep(sectionIndex, stepIndex, { max: numberOrNull(e.target.value) })} />
                </div>
              )}
              {step.kind === 'meter' && (
                <TextField label={t('procedures.meterName')} hint={t('procedures.meterNameHint')} value={step.meter ?? ''}
                  onChange={(e) => setStep(sectionIndex, stepIndex, { meter: e.target.value || null })} />
              )}
              {step.kind === 'choice' && (
                <TextField label={t('workflows.options')} hint={t('workflows.optionsHint')} value={(step.options ?? []).join(', ')}
                  onChange={(e) => setStep(sectionIndex, stepIndex, { options: e.target.value.split(',').map((o) => o.trim()).filter(Boolean) })} />
              )}
              <label className="check-line">
                <input type="checkbox" checked={step.required ?? false} onChange={(e) => setStep(sectionIndex, stepIndex, { required: e.target.checked })} />
                {t('procedures.required')}
              </label>
              {(step.kind === 'number' || step.kind === 'meter' || step.kind === 'pass_fail') && (
                <label className="check-line">
                  <input type="checkbox" checked={step.followUpOnFailure ?? false} onChange={(e) => setStep(sectionIndex, stepIndex, { followUpOnFailure: e.target.checked })} />
                  {t('procedures.followUp')}
                </label>
              )}
              <button type="button" onClick={() => setSection(sectionIndex, { steps: section.steps.filter((_, i) => i !== stepIndex) })}>{t('workflows.remove')}</button>
            </div>
          ))}
          <button type="button" onClick={() => setSection(sectionIndex, { steps: [...section.steps, { key: '', label: '', kind: 'check', required: false, options: [] }] })}>
            {t('procedures.addStep')}
          </button>
        </fieldset>
      ))}
      <p><button type="button" onClick={() => setInput({ ...input, sections: [...input.sections, { title: '', steps: [] }] })}>{t('procedures.addSection')}</button></p>
      {problems.length > 0 && (
        <div className="form-error" role="alert"><ul>{problems.map((problem) => <li key={problem}>{problem}</li>)}</ul></div>
      )}
      <button type="button" className="primary" onClick={() => void save()}>{t('common.save')}</button>
    </section>
  );
}
