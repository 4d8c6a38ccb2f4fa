// One change for many schedules chosen by name and trigger: preview each field that would change, then apply.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { bulkChangeSchedules } from '../api/client';
import type { BulkScheduleResult, ScheduleChanges, ScheduleSelection, ScheduleTrigger } from '../api/types';
import { FormError, SelectField, TextField, describeFailure, noFailure, type SubmitFailure } from './forms';

const fieldNames = ['selection', 'set.rule', 'set.leadTimeDays', 'set.instructions'] as const;
const triggers: ScheduleTrigger[] = ['calendar', 'floating', 'meter', 'condition'];

export function BulkScheduleChange({ onApplied }: { onApplied: () => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [trigger, setTrigger] = useState<ScheduleTrigger | ''>('');
  const [rule, setRule] = useState('');
  const [leadTimeDays, setLeadTimeDays] = useState('');
  const [instructions, setInstructions] = useState('');
  const [preview, setPreview] = useState<BulkScheduleResult | null>(null);
  const [applied, setApplied] = useState<BulkScheduleResult | null>(null);
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [busy, setBusy] = useState(false);

  function changes(): ScheduleChanges {
    const set: ScheduleChanges = {};
    if (rule.trim()) set.rule = rule.trim();
    if (leadTimeDays.trim()) set.leadTimeDays = Number(leadTimeDays);
    if (instructions.trim()) set.instructions = instructions.trim();
    return set;
  }

  async function send(apply: boolean) {
    setBusy(true);
    setFailure(noFailure);
    try {
      const selection: ScheduleSelection = { q: q.trim() };
      if (trigger) selection.trigger = trigger;
      const result = await bulkChangeSchedules(selection, changes(), !apply);
      setPreview(apply ? null : result);
      setApplied(apply ? result : null);
      if (apply) onApplied();
    } catch (error) {
      setFailure(describeFailure(error, fieldNames, t('common.offline')));
    } finally {
      setBusy(false);
    }
  }

  function edited(setter: (value: string) => void) {
    return (value: string) => {
      setter(value);
      setPreview(null);
    };
  }

  return (
    <form className="card" aria-labelledby="bulk-schedules-title" noValidate
      onSubmit={(event: FormEvent) => { event.preventDefault(); void send(false); }}>
      <h2 id="bulk-schedules-title">{t('scheduleBulk.title')}</h2>
      <FormError message={failure.general} />
      <div className="grid-fields">
        <TextField label={t('scheduleBulk.q')} value={q} errors={failure.fields.selection} onChange={(e) => edited(setQ)(e.target.value)} />
        <SelectField label={t('scheduleBulk.trigger')} value={trigger} onChange={(e) => edited((v) => setTrigger(v as ScheduleTrigger | ''))(e.target.value)}>
          <option value="">{t('scheduleBulk.anyTrigger')}</option>
          {triggers.map((value) => <option key={value} value={value}>{t(`schedules.triggers.${value}`)}</option>)}
        </SelectField>
        <TextField label={t('scheduleBulk.rule')} value={rule} errors={failure.fields['set.rule']} onChange={(e) => edited(setRule)(e.target.value)} />
        <TextField label={t('scheduleBulk.leadTimeDays')} inputMode="numeric" value={leadTimeDays} errors={failure.fields['set.leadTimeDays']}
          onChange={(e) => edited(setLeadTimeDays)(e.target.value)} />
        <TextField label={t('scheduleBulk.instructions')} value={instructions} errors={failure.fields['set.instructions']}
          onChange={(e) => edited(setInstructions)(e.target.value)} />
      </div>
      <button type="submit" disabled={busy}>{t('scheduleBulk.preview')}</button>
      {preview && (
        <div aria-live="polite">
          <h3>{t('scheduleBulk.previewTitle', { count: preview.changes.length, schedules: preview.scheduleCount })}</h3>
          <div className="table-wrap">
            <table className="list compact">
              <caption className="visually-hidden">{t('scheduleBulk.previewCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('schedules.name')}</th>
                  <th scope="col">{t('scheduleBulk.field')}</th>
                  <th scope="col">{t('scheduleBulk.from')}</th>
                  <th scope="col">{t('scheduleBulk.to')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.changes.map((change) => (
                  <tr key={`${change.id}-${change.field}`}>
                    <td>{change.name}</td>
                    <td>{change.field}</td>
                    <td>{change.from ?? '–'}</td>
                    <td>{change.to ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.changes.length > 0 && (
            <button type="button" className="primary" disabled={busy} onClick={() => void send(true)}>
              {t('scheduleBulk.apply', { count: preview.changes.length })}
            </button>
          )}
        </div>
      )}
      {applied && <p role="status" className="saved-note">{t('scheduleBulk.applied', { count: applied.changes.length })}</p>}
    </form>
  );
}
