// Approval rules: which work orders need whose approval before they may pass a status.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createApprovalRule, listApprovalRules, listWorkOrderTypes, updateApprovalRule } from '../../api/client';
import { etagFor } from '../../lib/lifecycle';
import type { ApprovalRule, ApprovalStep, Role, WorkOrderStatus, WorkOrderTypeSummary } from '../../api/types';
import { roles } from '../../api/types';
import { FormError, SelectField, TextField, describeFailure, noFailure, type SubmitFailure } from '../../components/forms';

type StepChoice = 'location_manager' | Role;

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

  async function create() {
    setFailure(noFailure);
    const approvers: ApprovalStep[] = steps.map((step) => (step === 'location_manager' ? { locationManager: true } : { role: step }));
    try {
      await createApprovalRule({
        name: name.trim(), isActive: true, workOrderType: type || null, minEstimatedCost: cost ? Number(cost) : null,
        currency: cost ? currency.trim().toUpperCase() : null, gateStatus: gate, steps: approvers,
      });
      setName('');
      setCost('');
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
          </li>
        ))}
      </ul>
      <section className="card">
        <h2>{t('approvalRules.newRule')}</h2>
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
          </SelectField>
        ))}
        <p>
          <button type="button" onClick={() => setSteps([...steps, 'dispatcher'])}>{t('approvalRules.addStep')}</button>{' '}
          {steps.length > 1 && <button type="button" onClick={() => setSteps(steps.slice(0, -1))}>{t('approvalRules.removeStep')}</button>}
        </p>
        <button type="button" className="primary" onClick={() => void create()}>{t('approvalRules.create')}</button>
      </section>
    </div>
  );
}
