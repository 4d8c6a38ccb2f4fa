// The asset's meters with their latest values and totals, and a form to enter a reading by hand.
// A lower value on a cumulative meter is rejected unless it is marked as a reset.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { listMeters, recordMeterReading } from '../../api/client';
import type { Meter } from '../../api/types';
import { FormError, SelectField, TextField, describeFailure, noFailure, type SubmitFailure } from '../forms';
import { formatDateTime } from '../../lib/format';

const fieldNames = ['value', 'takenAt', 'reset', 'rolloverValue'] as const;

/** Formats a moment as the local "YYYY-MM-DDTHH:mm" that a datetime-local input takes. */
function localInputValue(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function AssetMeters({ assetId }: { assetId: number }) {
  const { t } = useTranslation();
  const [meters, setMeters] = useState<Meter[] | null>(null);
  const [meterId, setMeterId] = useState('');
  const [value, setValue] = useState('');
  const [takenAt, setTakenAt] = useState(() => localInputValue(new Date()));
  const [reset, setReset] = useState(false);
  const [rollover, setRollover] = useState('');
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    listMeters(assetId).then((found) => {
      setMeters(found);
      setMeterId((current) => current || (found[0] ? String(found[0].id) : ''));
    }, () => setMeters([]));
  }, [assetId]);
  useEffect(load, [load]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const number = value.trim() === '' ? null : Number(value);
    if (number === null || Number.isNaN(number)) {
      setFailure({ ...noFailure, fields: { value: [t('meters.valueRequired')] } });
      return;
    }
    const takenAtDate = new Date(takenAt);
    if (takenAt === '' || Number.isNaN(takenAtDate.getTime())) {
      setFailure({ ...noFailure, fields: { takenAt: [t('meters.takenAtInvalid')] } });
      return;
    }
    const meter = meters?.find((candidate) => String(candidate.id) === meterId);
    if (meter?.isCumulative && !reset && meter.lastValue !== null && number < meter.lastValue) {
      setFailure({ ...noFailure, fields: { value: [t('meters.lowerThanLast', { value: number, last: meter.lastValue, reset: t('meters.reset') })] } });
      return;
    }
    setBusy(true);
    setFailure(noFailure);
    try {
      await recordMeterReading(Number(meterId), {
        value: number, takenAt: takenAtDate.toISOString(), reset, rolloverValue: reset && rollover.trim() !== '' ? Number(rollover) : null,
      });
      setValue('');
      setTakenAt(localInputValue(new Date()));
      setReset(false);
      setRollover('');
      setSaved(true);
      load();
    } catch (error) {
      setFailure(describeFailure(error, fieldNames, t('common.offline')));
    } finally {
      setBusy(false);
    }
  }

  if (meters === null) return null;
  const selected = meters.find((meter) => String(meter.id) === meterId);
  return (
    <section className="card" aria-labelledby="meters-title">
      <h2 id="meters-title">{t('meters.title')}</h2>
      {meters.length === 0 ? <p className="hint">{t('meters.none')}</p> : (
        <>
          <div className="table-wrap">
            <table className="list compact">
              <caption className="visually-hidden">{t('meters.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('meters.name')}</th>
                  <th scope="col">{t('meters.last')}</th>
                  <th scope="col">{t('meters.total')}</th>
                  <th scope="col">{t('meters.readAt')}</th>
                </tr>
              </thead>
              <tbody>
                {meters.map((meter) => (
                  <tr key={meter.id}>
                    <td>{meter.name} <span className="hint">{t(`meters.kind.${meter.kind}`)}</span></td>
                    <td>{meter.lastValue === null ? '–' : `${meter.lastValue} ${meter.unit}`}</td>
                    <td>{meter.isCumulative && meter.lastTotal !== null ? `${meter.lastTotal} ${meter.unit}` : '–'}</td>
                    <td>{meter.lastReadAt ? formatDateTime(meter.lastReadAt) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form onSubmit={submit} noValidate aria-label={t('meters.enter')}>
            <FormError message={failure.general} />
            <div className="grid-fields">
              <SelectField label={t('meters.meter')} value={meterId} onChange={(e) => setMeterId(e.target.value)}>
                {meters.map((meter) => <option key={meter.id} value={meter.id}>{meter.name}</option>)}
              </SelectField>
              <TextField label={t('meters.value', { unit: selected?.unit ?? '' })} inputMode="decimal" value={value}
                errors={failure.fields.value} onChange={(e) => setValue(e.target.value)} />
              <TextField label={t('meters.takenAt')} hint={t('meters.takenAtHint')} type="datetime-local" value={takenAt}
                errors={failure.fields.takenAt} onChange={(e) => setTakenAt(e.target.value)} />
            </div>
            {selected?.isCumulative && (
              <div className="grid-fields">
                <label className="checkbox">
                  <input type="checkbox" checked={reset} onChange={(e) => setReset(e.target.checked)} />
                  {t('meters.reset')}
                </label>
                {failure.fields.reset && <p className="field-error">{failure.fields.reset.join(' ')}</p>}
                {reset && (
                  <TextField label={t('meters.rollover')} hint={t('meters.rolloverHint')} inputMode="decimal" value={rollover}
                    errors={failure.fields.rolloverValue} onChange={(e) => setRollover(e.target.value)} />
                )}
              </div>
            )}
            <button type="submit" disabled={busy}>{t('meters.save')}</button>
            {saved && <p role="status" className="saved-note">{t('meters.saved')}</p>}
          </form>
        </>
      )}
    </section>
  );
}
