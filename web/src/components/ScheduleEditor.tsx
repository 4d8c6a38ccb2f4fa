// The schedule editor: a calendar rule or a floating interval, and a live preview of the next due
// times that the server computes in the schedule's time zone, so what is shown is what runs.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createSchedule, listAssets, listTeams, previewSchedule, toQuery } from '../api/client';
import type { Asset, IntervalUnit, SchedulePreview, ScheduleInput, ScheduleTrigger, Team } from '../api/types';
import { FormError, SelectField, TextArea, TextField, describeFailure, noFailure, type SubmitFailure } from './forms';

const fieldNames = ['name', 'assetIds', 'startsAt', 'timeZone', 'rule', 'intervalCount', 'intervalUnit', 'leadTimeDays', 'estimatedHours'] as const;

/** Adds the seconds that a datetime-local input leaves out, such as "2030-03-25T15:00". */
function withSeconds(local: string): string | null {
  if (!local) return null;
  return local.length === 16 ? `${local}:00` : local;
}

export function ScheduleEditor({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [assets, setAssets] = useState<Asset[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [name, setName] = useState('');
  const [trigger, setTrigger] = useState<ScheduleTrigger>('calendar');
  const [assetIds, setAssetIds] = useState<number[]>([]);
  const [teamId, setTeamId] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [timeZone, setTimeZone] = useState('');
  const [rule, setRule] = useState('FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1');
  const [intervalCount, setIntervalCount] = useState('30');
  const [intervalUnit, setIntervalUnit] = useState<IntervalUnit>('days');
  const [leadTimeDays, setLeadTimeDays] = useState('0');
  const [estimatedHours, setEstimatedHours] = useState('');
  const [instructions, setInstructions] = useState('');
  const [preview, setPreview] = useState<SchedulePreview | null>(null);
  const [previewFailure, setPreviewFailure] = useState<SubmitFailure>(noFailure);
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    listAssets(toQuery({ pageSize: 200 })).then((page) => setAssets(page.items), () => setAssets([]));
    listTeams().then(setTeams, () => setTeams([]));
  }, []);

  function input(): ScheduleInput {
    const number = (text: string) => (text.trim() === '' ? null : Number(text));
    return {
      name: name.trim() || t('schedules.untitled'),
      trigger,
      assetIds,
      teamId: teamId ? Number(teamId) : null,
      startsAt: withSeconds(startsAt),
      timeZone: timeZone.trim() || null,
      rule: trigger === 'calendar' ? rule : null,
      intervalCount: trigger === 'floating' ? number(intervalCount) : null,
      intervalUnit: trigger === 'floating' ? intervalUnit : null,
      leadTimeDays: number(leadTimeDays),
      estimatedHours: number(estimatedHours),
      instructions: instructions.trim() || null,
    };
  }

  // The preview follows every edit, a moment after typing stops.
  const draft = JSON.stringify(input());
  useEffect(() => {
    const body = JSON.parse(draft) as ScheduleInput;
    if (!body.startsAt || !body.assetIds || body.assetIds.length === 0) {
      setPreview(null);
      return undefined;
    }
    const timer = setTimeout(() => {
      previewSchedule(body).then((result) => {
        setPreview(result);
        setPreviewFailure(noFailure);
      }, (error: unknown) => {
        setPreview(null);
        setPreviewFailure(describeFailure(error, [], t('common.offline')));
      });
    }, 300);
    return () => clearTimeout(timer);
  }, [draft, t]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    setFailure(noFailure);
    try {
      await createSchedule({ ...input(), name: name.trim() });
      setSaved(true);
      onCreated();
    } catch (error) {
      setFailure(describeFailure(error, fieldNames, t('common.offline')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" aria-labelledby="schedule-editor-title" noValidate onSubmit={submit}>
      <h2 id="schedule-editor-title">{t('schedules.new')}</h2>
      <FormError message={failure.general} />
      <div className="grid-fields">
        <TextField label={t('schedules.name')} value={name} errors={failure.fields.name} onChange={(e) => setName(e.target.value)} />
        <SelectField label={t('schedules.trigger')} value={trigger} onChange={(e) => setTrigger(e.target.value as ScheduleTrigger)}>
          <option value="calendar">{t('schedules.triggers.calendar')}</option>
          <option value="floating">{t('schedules.triggers.floating')}</option>
        </SelectField>
        <SelectField label={t('schedules.team')} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
          <option value="">{t('schedules.assetTeam')}</option>
          {teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
        </SelectField>
      </div>
      <SelectField label={t('schedules.assets')} hint={t('schedules.assetsHint')} multiple value={assetIds.map(String)}
        errors={failure.fields.assetIds}
        onChange={(e) => setAssetIds(Array.from(e.target.selectedOptions, (option) => Number(option.value)))}>
        {assets.map((asset) => <option key={asset.id} value={asset.id}>{`${asset.tag} – ${asset.name}`}</option>)}
      </SelectField>
      <div className="grid-fields">
        <TextField label={t('schedules.startsAt')} type="datetime-local" value={startsAt} errors={failure.fields.startsAt}
          onChange={(e) => setStartsAt(e.target.value)} />
        <TextField label={t('schedules.timeZone')} hint={t('schedules.timeZoneHint')} value={timeZone} errors={failure.fields.timeZone}
          onChange={(e) => setTimeZone(e.target.value)} />
        {trigger === 'calendar' ? (
          <TextField label={t('schedules.rule')} hint={t('schedules.ruleHint')} value={rule} errors={failure.fields.rule}
            onChange={(e) => setRule(e.target.value)} />
        ) : (
          <>
            <TextField label={t('schedules.intervalCount')} inputMode="numeric" value={intervalCount} errors={failure.fields.intervalCount}
              onChange={(e) => setIntervalCount(e.target.value)} />
            <SelectField label={t('schedules.intervalUnit')} value={intervalUnit} onChange={(e) => setIntervalUnit(e.target.value as IntervalUnit)}>
              {(['days', 'weeks', 'months'] as const).map((unit) => <option key={unit} value={unit}>{t(`schedules.units.${unit}`)}</option>)}
            </SelectField>
          </>
        )}
        <TextField label={t('schedules.leadTimeDays')} inputMode="numeric" value={leadTimeDays} errors={failure.fields.leadTimeDays}
          onChange={(e) => setLeadTimeDays(e.target.value)} />
        <TextField label={t('schedules.estimatedHours')} inputMode="decimal" value={estimatedHours} errors={failure.fields.estimatedHours}
          onChange={(e) => setEstimatedHours(e.target.value)} />
      </div>
      <TextArea label={t('schedules.instructions')} value={instructions} onChange={(e) => setInstructions(e.target.value)} />

      <section aria-labelledby="schedule-preview-title" aria-live="polite">
        <h3 id="schedule-preview-title">{t('schedules.previewTitle')}</h3>
        {previewFailure.general && <p className="field-error">{previewFailure.general}</p>}
        {!preview && !previewFailure.general && <p className="hint">{t('schedules.previewEmpty')}</p>}
        {preview && (
          <>
            {preview.note && <p className="hint">{preview.note}</p>}
            <ol aria-label={t('schedules.previewList')}>
              {preview.occurrences.map((due) => (
                <li key={due.dueAt}>{t('schedules.dueAt', { local: due.local.replace('T', ' ').slice(0, 16), zone: due.timeZone })}</li>
              ))}
            </ol>
          </>
        )}
      </section>
      <button type="submit" className="primary" disabled={busy}>{t('schedules.save')}</button>
      {saved && <p role="status" className="saved-note">{t('schedules.saved')}</p>}
    </form>
  );
}
