// The schedule editor for new and existing schedules: any of the four triggers, the assets by name
// or by a saved selection, and the manufacturer's interval. Its live preview shows the next due
// times that the server computes in the schedule's time zone, so what is shown is what runs.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { approveScheduleDeviation, createSchedule, listAssetTypes, listAssets, listTeams, previewSchedule, replaceSchedule, toQuery } from '../api/client';
import type {
  Asset, AssetType, CatchUpPolicy, IntervalUnit, Priority, Schedule, SchedulePreview, ScheduleInput, ScheduleTrigger, Team, ThresholdDirection,
} from '../api/types';
import { FormError, SelectField, TextArea, TextField, describeFailure, noFailure, type SubmitFailure } from './forms';
import { LocationPicker } from './LocationPicker';

const fieldNames = [
  'name', 'assetIds', 'startsAt', 'timeZone', 'rule', 'intervalCount', 'intervalUnit', 'leadTimeDays', 'estimatedHours',
  'meterName', 'meterInterval', 'threshold', 'direction', 'resetBand', 'catchUp', 'priority',
  'selectionAssetTypeId', 'selectionLocationId', 'selectionCategory', 'manufacturerInterval', 'deviationJustification',
] as const;
const triggers: ScheduleTrigger[] = ['calendar', 'floating', 'meter', 'condition'];
const priorities: Priority[] = ['low', 'medium', 'high', 'urgent'];
const catchUpPolicies: CatchUpPolicy[] = ['all', 'latest_only', 'skip'];

/** Turns a stored number into the text of an input, empty when there is none. */
function text(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/** Adds the seconds that a datetime-local input leaves out, such as "2030-03-25T15:00". */
function withSeconds(local: string): string | null {
  if (!local) return null;
  return local.length === 16 ? `${local}:00` : local;
}

interface ScheduleEditorProps {
  /** The schedule to edit; a new schedule when left out. */
  schedule?: Schedule;
  /** Whether the user may approve a deviation from the manufacturer's interval (administrators). */
  canApprove?: boolean;
  onSaved: (schedule: Schedule) => void;
}

export function ScheduleEditor({ schedule, canApprove = false, onSaved }: ScheduleEditorProps) {
  const { t } = useTranslation();
  const [assets, setAssets] = useState<Asset[]>([]);
  const [assetTypes, setAssetTypes] = useState<AssetType[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [name, setName] = useState(schedule?.name ?? '');
  const [trigger, setTrigger] = useState<ScheduleTrigger>(schedule?.trigger ?? 'calendar');
  const [bySelection, setBySelection] = useState(schedule ? schedule.assetIds.length === 0 : false);
  const [assetIds, setAssetIds] = useState<number[]>(schedule?.assetIds ?? []);
  const [selectionAssetTypeId, setSelectionAssetTypeId] = useState(text(schedule?.selectionAssetTypeId));
  const [selectionLocationId, setSelectionLocationId] = useState<number | null>(schedule?.selectionLocationId ?? null);
  const [selectionCategory, setSelectionCategory] = useState(schedule?.selectionCategory ?? '');
  const [teamId, setTeamId] = useState(text(schedule?.teamId));
  const [priority, setPriority] = useState<Priority>(schedule?.priority ?? 'medium');
  const [startsAt, setStartsAt] = useState(schedule?.startsAt?.slice(0, 16) ?? '');
  const [timeZone, setTimeZone] = useState(schedule?.timeZone ?? '');
  const [rule, setRule] = useState(schedule?.rule ?? 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1');
  const [intervalCount, setIntervalCount] = useState(text(schedule?.intervalCount ?? 30));
  const [intervalUnit, setIntervalUnit] = useState<IntervalUnit>(schedule?.intervalUnit ?? 'days');
  const [meterName, setMeterName] = useState(schedule?.meterName ?? '');
  const [meterInterval, setMeterInterval] = useState(text(schedule?.meterInterval));
  const [threshold, setThreshold] = useState(text(schedule?.threshold));
  const [direction, setDirection] = useState<ThresholdDirection>(schedule?.direction ?? 'above');
  const [resetBand, setResetBand] = useState(text(schedule?.resetBand ?? 0));
  const [catchUp, setCatchUp] = useState<CatchUpPolicy>(schedule?.catchUp ?? 'all');
  const [leadTimeDays, setLeadTimeDays] = useState(text(schedule?.leadTimeDays ?? 0));
  const [estimatedHours, setEstimatedHours] = useState(text(schedule?.estimatedHours));
  const [instructions, setInstructions] = useState(schedule?.instructions ?? '');
  const [manufacturerInterval, setManufacturerInterval] = useState(schedule?.manufacturerInterval ?? '');
  const [deviationJustification, setDeviationJustification] = useState(schedule?.deviationJustification ?? '');
  const [deviationStatus, setDeviationStatus] = useState(schedule?.deviationStatus ?? 'none');
  const [preview, setPreview] = useState<SchedulePreview | null>(null);
  const [previewFailure, setPreviewFailure] = useState<SubmitFailure>(noFailure);
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    listAssets(toQuery({ pageSize: 200 })).then((page) => setAssets(page.items), () => setAssets([]));
    listTeams().then(setTeams, () => setTeams([]));
    listAssetTypes().then(setAssetTypes, () => setAssetTypes([]));
  }, []);

  function input(): ScheduleInput {
    const number = (text: string) => (text.trim() === '' ? null : Number(text));
    const timeBased = trigger === 'calendar' || trigger === 'floating';
    const watchesMeter = trigger === 'meter' || trigger === 'condition';
    return {
      // Fields this editor does not show keep their stored values when a schedule is replaced.
      assigneeUserId: schedule?.assigneeUserId ?? null,
      isActive: schedule?.isActive ?? true,
      waitForPrevious: schedule?.waitForPrevious ?? false,
      type: schedule?.type,
      name: name.trim() || t('schedules.untitled'),
      trigger,
      assetIds: bySelection ? [] : assetIds,
      selectionAssetTypeId: bySelection && selectionAssetTypeId ? Number(selectionAssetTypeId) : null,
      selectionLocationId: bySelection ? selectionLocationId : null,
      selectionCategory: bySelection ? selectionCategory.trim() || null : null,
      teamId: teamId ? Number(teamId) : null,
      priority,
      startsAt: timeBased ? withSeconds(startsAt) : null,
      timeZone: timeZone.trim() || null,
      rule: trigger === 'calendar' ? rule : null,
      intervalCount: trigger === 'floating' ? number(intervalCount) : null,
      intervalUnit: trigger === 'floating' ? intervalUnit : null,
      meterName: watchesMeter ? meterName.trim() || null : null,
      meterInterval: trigger === 'meter' ? number(meterInterval) : null,
      threshold: trigger === 'condition' ? number(threshold) : null,
      direction: trigger === 'condition' ? direction : null,
      resetBand: trigger === 'condition' ? number(resetBand) : null,
      catchUp,
      leadTimeDays: number(leadTimeDays),
      estimatedHours: number(estimatedHours),
      instructions: instructions.trim() || null,
      manufacturerInterval: manufacturerInterval.trim() || null,
      deviationJustification: deviationJustification.trim() || null,
    };
  }

  // The preview follows every edit, a moment after typing stops.
  const draft = JSON.stringify(input());
  useEffect(() => {
    const body = JSON.parse(draft) as ScheduleInput;
    const hasTargets = (body.assetIds?.length ?? 0) > 0 || body.selectionAssetTypeId || body.selectionLocationId || body.selectionCategory;
    if (!body.startsAt || !hasTargets) {
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
      const body = { ...input(), name: name.trim() };
      const stored = schedule ? await replaceSchedule(schedule.id, body) : await createSchedule(body);
      setDeviationStatus(stored.deviationStatus);
      setSaved(true);
      onSaved(stored);
    } catch (error) {
      setFailure(describeFailure(error, fieldNames, t('common.offline')));
    } finally {
      setBusy(false);
    }
  }

  async function approve() {
    if (!schedule) return;
    setBusy(true);
    setFailure(noFailure);
    try {
      const stored = await approveScheduleDeviation(schedule.id);
      setDeviationStatus(stored.deviationStatus);
      onSaved(stored);
    } catch (error) {
      setFailure(describeFailure(error, fieldNames, t('common.offline')));
    } finally {
      setBusy(false);
    }
  }

  const title = schedule ? t('schedules.edit', { name: schedule.name }) : t('schedules.new');
  return (
    <form className="card" aria-label={title} noValidate onSubmit={submit}>
      <h2>{title}</h2>
      <FormError message={failure.general} />
      <div className="grid-fields">
        <TextField label={t('schedules.name')} value={name} errors={failure.fields.name} onChange={(e) => setName(e.target.value)} />
        <SelectField label={t('schedules.trigger')} value={trigger} onChange={(e) => setTrigger(e.target.value as ScheduleTrigger)}>
          {triggers.map((value) => <option key={value} value={value}>{t(`schedules.triggers.${value}`)}</option>)}
        </SelectField>
        <SelectField label={t('schedules.team')} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
          <option value="">{t('schedules.assetTeam')}</option>
          {teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
        </SelectField>
        <SelectField label={t('schedules.priority')} value={priority} errors={failure.fields.priority}
          onChange={(e) => setPriority(e.target.value as Priority)}>
          {priorities.map((value) => <option key={value} value={value}>{t(`priority.${value}`)}</option>)}
        </SelectField>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={bySelection} onChange={(e) => setBySelection(e.target.checked)} />
        {t('schedules.bySelection')}
      </label>
      {bySelection ? (
        <div className="grid-fields">
          <SelectField label={t('schedules.selectionAssetType')} value={selectionAssetTypeId} errors={failure.fields.selectionAssetTypeId}
            onChange={(e) => setSelectionAssetTypeId(e.target.value)}>
            <option value="">{t('schedules.anyAssetType')}</option>
            {assetTypes.map((type) => <option key={type.id} value={type.id}>{type.name}</option>)}
          </SelectField>
          <TextField label={t('schedules.selectionCategory')} value={selectionCategory} errors={failure.fields.selectionCategory}
            onChange={(e) => setSelectionCategory(e.target.value)} />
          <LocationPicker label={t('schedules.selectionLocation')} value={selectionLocationId} onChange={setSelectionLocationId}
            errors={failure.fields.selectionLocationId} emptyLabel={t('schedules.anyLocation')} />
        </div>
      ) : (
        <SelectField label={t('schedules.assets')} hint={t('schedules.assetsHint')} multiple value={assetIds.map(String)}
          errors={failure.fields.assetIds}
          onChange={(e) => setAssetIds(Array.from(e.target.selectedOptions, (option) => Number(option.value)))}>
          {assets.map((asset) => <option key={asset.id} value={asset.id}>{`${asset.tag} – ${asset.name}`}</option>)}
        </SelectField>
      )}
      <div className="grid-fields">
        {(trigger === 'calendar' || trigger === 'floating') && (
          <TextField label={t('schedules.startsAt')} type="datetime-local" value={startsAt} errors={failure.fields.startsAt}
            onChange={(e) => setStartsAt(e.target.value)} />
        )}
        <TextField label={t('schedules.timeZone')} hint={t('schedules.timeZoneHint')} value={timeZone} errors={failure.fields.timeZone}
          onChange={(e) => setTimeZone(e.target.value)} />
        {trigger === 'calendar' && (
          <TextField label={t('schedules.rule')} hint={t('schedules.ruleHint')} value={rule} errors={failure.fields.rule}
            onChange={(e) => setRule(e.target.value)} />
        )}
        {trigger === 'floating' && (
          <>
            <TextField label={t('schedules.intervalCount')} inputMode="numeric" value={intervalCount} errors={failure.fields.intervalCount}
              onChange={(e) => setIntervalCount(e.target.value)} />
            <SelectField label={t('schedules.intervalUnit')} value={intervalUnit} onChange={(e) => setIntervalUnit(e.target.value as IntervalUnit)}>
              {(['days', 'weeks', 'months'] as const).map((unit) => <option key={unit} value={unit}>{t(`schedules.units.${unit}`)}</option>)}
            </SelectField>
          </>
        )}
        {(trigger === 'meter' || trigger === 'condition') && (
          <TextField label={t('schedules.meterName')} hint={t('schedules.meterNameHint')} value={meterName} errors={failure.fields.meterName}
            onChange={(e) => setMeterName(e.target.value)} />
        )}
        {trigger === 'meter' && (
          <TextField label={t('schedules.meterInterval')} inputMode="decimal" value={meterInterval} errors={failure.fields.meterInterval}
            onChange={(e) => setMeterInterval(e.target.value)} />
        )}
        {trigger === 'condition' && (
          <>
            <TextField label={t('schedules.threshold')} inputMode="decimal" value={threshold} errors={failure.fields.threshold}
              onChange={(e) => setThreshold(e.target.value)} />
            <SelectField label={t('schedules.direction')} value={direction} errors={failure.fields.direction}
              onChange={(e) => setDirection(e.target.value as ThresholdDirection)}>
              <option value="above">{t('schedules.directions.above')}</option>
              <option value="below">{t('schedules.directions.below')}</option>
            </SelectField>
            <TextField label={t('schedules.resetBand')} hint={t('schedules.resetBandHint')} inputMode="decimal" value={resetBand}
              errors={failure.fields.resetBand} onChange={(e) => setResetBand(e.target.value)} />
          </>
        )}
        {trigger === 'calendar' && (
          <SelectField label={t('schedules.catchUp')} value={catchUp} errors={failure.fields.catchUp}
            onChange={(e) => setCatchUp(e.target.value as CatchUpPolicy)}>
            {catchUpPolicies.map((value) => <option key={value} value={value}>{t(`schedules.catchUpPolicies.${value}`)}</option>)}
          </SelectField>
        )}
        <TextField label={t('schedules.leadTimeDays')} inputMode="numeric" value={leadTimeDays} errors={failure.fields.leadTimeDays}
          onChange={(e) => setLeadTimeDays(e.target.value)} />
        <TextField label={t('schedules.estimatedHours')} inputMode="decimal" value={estimatedHours} errors={failure.fields.estimatedHours}
          onChange={(e) => setEstimatedHours(e.target.value)} />
      </div>
      <TextArea label={t('schedules.instructions')} value={instructions} onChange={(e) => setInstructions(e.target.value)} />
      <div className="grid-fields">
        <TextField label={t('schedules.manufacturerInterval')} hint={t('schedules.manufacturerIntervalHint')} value={manufacturerInterval}
          errors={failure.fields.manufacturerInterval} onChange={(e) => setManufacturerInterval(e.target.value)} />
        <TextField label={t('schedules.deviationJustification')} value={deviationJustification}
          errors={failure.fields.deviationJustification} onChange={(e) => setDeviationJustification(e.target.value)} />
      </div>
      {schedule && deviationStatus !== 'none' && (
        <p className="hint">
          {t(`schedules.deviationStatus.${deviationStatus}`)}
          {canApprove && deviationStatus === 'unapproved' && (
            <> <button type="button" disabled={busy} onClick={() => void approve()}>{t('schedules.approve')}</button></>
          )}
        </p>
      )}

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
