// Administration of business calendars, SLA policies and escalation rules.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createCalendar, createEscalationRule, createSlaPolicy, deleteEscalationRule, listCalendars, listEscalationRules,
  listSlaPolicies, listTeams, replaceCalendar, replaceSlaPolicy,
} from '../api/client';
import { priorities, roles, type BusinessCalendar, type EscalationRule, type Priority, type Role, type SlaPolicy, type SlaTarget, type Team } from '../api/types';
import { FormError, SelectField, TextField, describeFailure, noFailure, type SubmitFailure } from '../components/forms';
import { userName, useUsers } from '../lib/useUsers';

// The API writes weekdays in lower case, as it writes every enum value.
const week = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const officeHours: Record<string, string> = Object.fromEntries(week.map((day, index) => [day, index < 5 ? '08:00-18:00' : '']));
const staffRoles: Role[] = roles.filter((role) => role === 'administrator' || role === 'dispatcher' || role === 'technician');

/** Splits "08:00-12:00, 13:00-17:00" into periods; empty text gives none. */
function periods(text: string): string[] {
  return text.split(',').map((part) => part.trim()).filter(Boolean);
}

function toNumber(text: string): number | null {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

export function ServiceLevelsPage() {
  const { t } = useTranslation();
  const [calendars, setCalendars] = useState<BusinessCalendar[]>([]);
  const [policies, setPolicies] = useState<SlaPolicy[]>([]);
  const [rules, setRules] = useState<EscalationRule[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);

  const load = useCallback(() => {
    listCalendars().then(setCalendars, () => setCalendars([]));
    listSlaPolicies().then(setPolicies, () => setPolicies([]));
    listEscalationRules().then(setRules, () => setRules([]));
    listTeams().then(setTeams, () => setTeams([]));
  }, []);
  useEffect(load, [load]);

  return (
    <div className="page">
      <h1>{t('serviceLevels.title')}</h1>
      <Calendars calendars={calendars} onChanged={load} />
      <Policies policies={policies} calendars={calendars} onChanged={load} />
      <Rules rules={rules} policies={policies} teams={teams} onChanged={load} />
    </div>
  );
}

type Holiday = BusinessCalendar['holidays'][number];

function Calendars({ calendars, onChanged }: { calendars: BusinessCalendar[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  const [hours, setHours] = useState<Record<string, string>>(officeHours);
  const [holidays, setHolidays] = useState<Holiday[]>([]);
  const [isDefault, setIsDefault] = useState(false);
  const [editing, setEditing] = useState<BusinessCalendar | null>(null);
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);

  function edit(calendar: BusinessCalendar) {
    setEditing(calendar);
    setName(calendar.name);
    setTimeZone(calendar.timeZone);
    setHours(Object.fromEntries(week.map((day) => [day, (calendar.hours[day] ?? []).join(', ')])));
    setHolidays(calendar.holidays);
    setIsDefault(calendar.isDefault);
    setFailure(noFailure);
  }

  function reset() {
    setEditing(null);
    setName('');
    setHours(officeHours);
    setHolidays([]);
    setIsDefault(false);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(noFailure);
    const input = {
      name: name.trim(), timeZone: timeZone.trim(), holidays, isDefault,
      hours: Object.fromEntries(week.map((day) => [day, periods(hours[day] ?? '')])),
    };
    try {
      if (editing) await replaceCalendar(editing.id, input);
      else await createCalendar(input);
      reset();
      onChanged();
    } catch (error) {
      setFailure(describeFailure(error, ['name', 'timeZone', 'hours', 'holidays'], t('common.offline')));
    }
  }

  return (
    <section aria-labelledby="calendars-title" className="card">
      <h2 id="calendars-title">{t('serviceLevels.calendars')}</h2>
      {calendars.length === 0 && <p className="empty">{t('serviceLevels.noCalendars')}</p>}
      <ul className="plain-list">
        {calendars.map((calendar) => (
          <li key={calendar.id}>
            <strong>{calendar.name}</strong> <span className="meta">{calendar.timeZone}</span>
            {calendar.isDefault && <span className="badge">{t('serviceLevels.isDefault')}</span>}
            <span className="meta"> · {week.filter((day) => (calendar.hours[day] ?? []).length > 0).map((day) => `${t(`serviceLevels.dayShort.${day}`)} ${calendar.hours[day].join(', ')}`).join('; ')}</span>
            {calendar.holidays.length > 0 && <span className="meta"> · {t('serviceLevels.holidayCount', { count: calendar.holidays.length })}</span>}{' '}
            <button type="button" className="link-button" onClick={() => edit(calendar)}>{t('serviceLevels.edit', { name: calendar.name })}</button>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} noValidate>
        <FormError message={failure.general} />
        <TextField label={t('serviceLevels.calendarName')} value={name} onChange={(e) => setName(e.target.value)} errors={failure.fields.name} required />
        <TextField label={t('serviceLevels.timeZone')} value={timeZone} onChange={(e) => setTimeZone(e.target.value)} errors={failure.fields.timeZone} required />
        <fieldset>
          <legend>{t('serviceLevels.workingHours')}</legend>
          <p className="hint">{t('serviceLevels.workingHoursHint')}</p>
          {week.map((day, index) => (
            <TextField key={day} label={t(`serviceLevels.day.${day}`)} value={hours[day] ?? ''}
              onChange={(e) => setHours({ ...hours, [day]: e.target.value })} errors={index === 0 ? failure.fields.hours : undefined} />
          ))}
        </fieldset>
        <HolidayList holidays={holidays} onChange={setHolidays} errors={failure.fields.holidays} />
        <label className="checkbox">
          <input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} /> {t('serviceLevels.isDefault')}
        </label>
        <button type="submit" className="primary">{editing ? t('serviceLevels.saveChanges') : t('serviceLevels.createCalendar')}</button>
        {editing && <button type="button" onClick={reset}>{t('common.cancel')}</button>}
      </form>
    </section>
  );
}

/** The holidays of the calendar being edited: one-off dates and dates that come back every year. */
function HolidayList({ holidays, onChange, errors }: { holidays: Holiday[]; onChange: (next: Holiday[]) => void; errors?: string[] }) {
  const { t } = useTranslation();
  const [date, setDate] = useState('');
  const [yearly, setYearly] = useState(false);

  function add() {
    if (!date || holidays.some((holiday) => holiday.date === date)) return;
    onChange([...holidays, { date, yearly }].sort((a, b) => a.date.localeCompare(b.date)));
    setDate('');
    setYearly(false);
  }

  return (
    <fieldset>
      <legend>{t('serviceLevels.holidays')}</legend>
      {errors?.map((error) => <p key={error} className="field-error">{error}</p>)}
      {holidays.length === 0 && <p className="empty">{t('serviceLevels.noHolidays')}</p>}
      <ul className="plain-list">
        {holidays.map((holiday) => (
          <li key={holiday.date}>
            {holiday.date}{holiday.yearly && <span className="meta"> · {t('serviceLevels.everyYear')}</span>}{' '}
            <button type="button" className="link-button" onClick={() => onChange(holidays.filter((other) => other !== holiday))}>
              {t('serviceLevels.removeHoliday', { date: holiday.date })}
            </button>
          </li>
        ))}
      </ul>
      <TextField label={t('serviceLevels.holidayDate')} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      <label className="checkbox">
        <input type="checkbox" checked={yearly} onChange={(e) => setYearly(e.target.checked)} /> {t('serviceLevels.everyYear')}
      </label>
      <button type="button" onClick={add} disabled={!date}>{t('serviceLevels.addHoliday')}</button>
    </fieldset>
  );
}

function Policies({ policies, calendars, onChanged }: { policies: SlaPolicy[]; calendars: BusinessCalendar[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [rank, setRank] = useState('100');
  const [priority, setPriority] = useState('');
  const [category, setCategory] = useState('');
  const [response, setResponse] = useState('');
  const [resolution, setResolution] = useState('480');
  const [atRisk, setAtRisk] = useState('60');
  const [calendarId, setCalendarId] = useState('');
  const [editing, setEditing] = useState<SlaPolicy | null>(null);
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);

  function edit(policy: SlaPolicy) {
    setEditing(policy);
    setName(policy.name);
    setRank(String(policy.rank));
    setPriority(policy.priority ?? '');
    setCategory(policy.category ?? '');
    setResponse(policy.responseMinutes === null ? '' : String(policy.responseMinutes));
    setResolution(String(policy.resolutionMinutes));
    setAtRisk(String(policy.atRiskMinutes));
    setCalendarId(policy.calendarId === null ? '' : String(policy.calendarId));
    setFailure(noFailure);
  }

  function reset() {
    setEditing(null);
    setName('');
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(noFailure);
    // The editor leaves out type, location and paused statuses, so a replaced policy keeps them.
    const input = {
      name: name.trim(), rank: toNumber(rank) ?? 100, priority: priority || null, category: category.trim() || null,
      responseMinutes: toNumber(response), resolutionMinutes: toNumber(resolution) ?? 0, atRiskMinutes: toNumber(atRisk) ?? 0,
      calendarId: calendarId ? Number(calendarId) : null,
      type: editing?.type ?? null, locationId: editing?.locationId ?? null, pausedStatuses: editing?.pausedStatuses ?? null,
      isActive: editing?.isActive ?? true,
    };
    try {
      if (editing) await replaceSlaPolicy(editing.id, input);
      else await createSlaPolicy(input);
      reset();
      onChanged();
    } catch (error) {
      setFailure(describeFailure(error, ['name', 'rank', 'resolutionMinutes', 'responseMinutes', 'atRiskMinutes', 'calendarId', 'category'], t('common.offline')));
    }
  }

  return (
    <section aria-labelledby="policies-title" className="card">
      <h2 id="policies-title">{t('serviceLevels.policies')}</h2>
      {policies.length === 0 && <p className="empty">{t('serviceLevels.noPolicies')}</p>}
      <ul className="plain-list">
        {policies.map((policy) => (
          <li key={policy.id}>
            <strong>{policy.name}</strong>{' '}
            <span className="meta">
              {t('serviceLevels.policySummary', { resolution: policy.resolutionMinutes, response: policy.responseMinutes ?? '–', rank: policy.rank })}
              {policy.priority && ` · ${t(`priority.${policy.priority}`)}`}
              {policy.category && ` · ${policy.category}`}
            </span>{' '}
            <button type="button" className="link-button" onClick={() => edit(policy)}>{t('serviceLevels.edit', { name: policy.name })}</button>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} noValidate>
        <FormError message={failure.general} />
        <TextField label={t('serviceLevels.policyName')} value={name} onChange={(e) => setName(e.target.value)} errors={failure.fields.name} required />
        <TextField label={t('serviceLevels.rank')} inputMode="numeric" value={rank} onChange={(e) => setRank(e.target.value)} errors={failure.fields.rank} />
        <SelectField label={t('serviceLevels.priority')} value={priority} onChange={(e) => setPriority(e.target.value)}>
          <option value="" />
          {priorities.map((value) => <option key={value} value={value}>{t(`priority.${value}`)}</option>)}
        </SelectField>
        <TextField label={t('serviceLevels.category')} value={category} onChange={(e) => setCategory(e.target.value)} errors={failure.fields.category} />
        <TextField label={t('serviceLevels.responseMinutes')} inputMode="numeric" value={response} onChange={(e) => setResponse(e.target.value)} errors={failure.fields.responseMinutes} />
        <TextField label={t('serviceLevels.resolutionMinutes')} inputMode="numeric" value={resolution} onChange={(e) => setResolution(e.target.value)}
          errors={failure.fields.resolutionMinutes} required />
        <TextField label={t('serviceLevels.atRiskMinutes')} inputMode="numeric" value={atRisk} onChange={(e) => setAtRisk(e.target.value)} errors={failure.fields.atRiskMinutes} />
        <SelectField label={t('serviceLevels.calendar')} value={calendarId} onChange={(e) => setCalendarId(e.target.value)} errors={failure.fields.calendarId}>
          <option value="">{t('serviceLevels.calendarFromLocation')}</option>
          {calendars.map((calendar) => <option key={calendar.id} value={calendar.id}>{calendar.name}</option>)}
        </SelectField>
        <button type="submit" className="primary">{editing ? t('serviceLevels.saveChanges') : t('serviceLevels.createPolicy')}</button>
        {editing && <button type="button" onClick={reset}>{t('common.cancel')}</button>}
      </form>
    </section>
  );
}

function Rules({ rules, policies, teams, onChanged }: { rules: EscalationRule[]; policies: SlaPolicy[]; teams: Team[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [target, setTarget] = useState<SlaTarget>('resolution');
  const [minutesBefore, setMinutesBefore] = useState('60');
  const [policyId, setPolicyId] = useState('');
  const [notifyAssignees, setNotifyAssignees] = useState(true);
  const [notifyRole, setNotifyRole] = useState('');
  const [raisePriorityTo, setRaisePriorityTo] = useState('');
  const [reassignTeamId, setReassignTeamId] = useState('');
  const [reassignUserId, setReassignUserId] = useState('');
  const [notifyTeamId, setNotifyTeamId] = useState('');
  const [priority, setPriority] = useState('');
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const staff = useUsers().filter((user) => staffRoles.includes(user.role));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(noFailure);
    const minutes = toNumber(minutesBefore);
    if (minutes === null) {
      setFailure({ ...noFailure, fields: { minutesBefore: [t('serviceLevels.minutesBefore')] } });
      return;
    }
    try {
      await createEscalationRule({
        name: name.trim(), target, minutesBefore: minutes, policyId: policyId ? Number(policyId) : null,
        priority: (priority || null) as Priority | null, notifyAssignees, notifyUserIds: [],
        notifyRole: (notifyRole || null) as Role | null, notifyTeamId: notifyTeamId ? Number(notifyTeamId) : null,
        reassignUserId: reassignUserId ? Number(reassignUserId) : null, reassignTeamId: reassignTeamId ? Number(reassignTeamId) : null,
        raisePriorityTo: (raisePriorityTo || null) as Priority | null, isActive: true,
      });
      setName('');
      onChanged();
    } catch (error) {
      setFailure(describeFailure(error, ['name', 'minutesBefore', 'policyId', 'notifyRole', 'notifyTeamId', 'reassignUserId', 'reassignTeamId', 'raisePriorityTo', 'priority', 'actions'], t('common.offline')));
    }
  }

  async function remove(rule: EscalationRule) {
    await deleteEscalationRule(rule.id);
    onChanged();
  }

  function describeActions(rule: EscalationRule): string {
    const teamName = (id: number) => teams.find((team) => team.id === id)?.name ?? `#${id}`;
    const actions: string[] = [];
    if (rule.notifyAssignees) actions.push(t('serviceLevels.action.notifyAssignees'));
    if (rule.notifyRole) actions.push(t('serviceLevels.action.notifyRole', { role: t(`role.${rule.notifyRole}`) }));
    if (rule.notifyTeamId) actions.push(t('serviceLevels.action.notifyTeam', { team: teamName(rule.notifyTeamId) }));
    if (rule.notifyUserIds.length > 0) actions.push(t('serviceLevels.action.notifyUsers', { names: rule.notifyUserIds.map((id) => userName(staff, id)).join(', ') }));
    if (rule.reassignUserId) actions.push(t('serviceLevels.action.reassign', { name: userName(staff, rule.reassignUserId) }));
    if (rule.reassignTeamId) actions.push(t('serviceLevels.action.reassign', { name: teamName(rule.reassignTeamId) }));
    if (rule.raisePriorityTo) actions.push(t('serviceLevels.action.raise', { priority: t(`priority.${rule.raisePriorityTo}`) }));
    return actions.join(', ');
  }

  const targetName = (value: SlaTarget) => t(`serviceLevels.targetOption.${value}`).toLowerCase();
  return (
    <section aria-labelledby="rules-title" className="card">
      <h2 id="rules-title">{t('serviceLevels.rules')}</h2>
      {rules.length === 0 && <p className="empty">{t('serviceLevels.noRules')}</p>}
      <ul className="plain-list">
        {rules.map((rule) => (
          <li key={rule.id} data-testid="escalation-rule">
            <strong>{rule.name}</strong>{' '}
            <span className="meta">
              {rule.minutesBefore > 0
                ? t('serviceLevels.ruleSummary', { minutes: rule.minutesBefore, target: targetName(rule.target) })
                : t('serviceLevels.ruleAtDue', { target: targetName(rule.target) })}
              {' · '}{describeActions(rule)}
            </span>{' '}
            <button type="button" className="link-button" onClick={() => remove(rule)}>{t('serviceLevels.deleteRule', { name: rule.name })}</button>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} noValidate>
        <FormError message={failure.general ?? failure.fields.actions?.[0]} />
        <TextField label={t('serviceLevels.ruleName')} value={name} onChange={(e) => setName(e.target.value)} errors={failure.fields.name} required />
        <SelectField label={t('serviceLevels.target')} value={target} onChange={(e) => setTarget(e.target.value as SlaTarget)}>
          <option value="resolution">{t('serviceLevels.targetOption.resolution')}</option>
          <option value="first_response">{t('serviceLevels.targetOption.first_response')}</option>
        </SelectField>
        <TextField label={t('serviceLevels.minutesBefore')} inputMode="numeric" value={minutesBefore} onChange={(e) => setMinutesBefore(e.target.value)}
          errors={failure.fields.minutesBefore} />
        <SelectField label={t('serviceLevels.policy')} value={policyId} onChange={(e) => setPolicyId(e.target.value)} errors={failure.fields.policyId}>
          <option value="">{t('serviceLevels.anyPolicy')}</option>
          {policies.map((policy) => <option key={policy.id} value={policy.id}>{policy.name}</option>)}
        </SelectField>
        <SelectField label={t('serviceLevels.rulePriority')} value={priority} onChange={(e) => setPriority(e.target.value)} errors={failure.fields.priority}>
          <option value="">{t('serviceLevels.anyPriority')}</option>
          {priorities.map((value) => <option key={value} value={value}>{t(`priority.${value}`)}</option>)}
        </SelectField>
        <label className="checkbox">
          <input type="checkbox" checked={notifyAssignees} onChange={(e) => setNotifyAssignees(e.target.checked)} /> {t('serviceLevels.notifyAssignees')}
        </label>
        <SelectField label={t('serviceLevels.notifyRole')} value={notifyRole} onChange={(e) => setNotifyRole(e.target.value)} errors={failure.fields.notifyRole}>
          <option value="">{t('serviceLevels.nobody')}</option>
          {staffRoles.map((role) => <option key={role} value={role}>{t(`role.${role}`)}</option>)}
        </SelectField>
        <SelectField label={t('serviceLevels.notifyTeam')} value={notifyTeamId} onChange={(e) => setNotifyTeamId(e.target.value)} errors={failure.fields.notifyTeamId}>
          <option value="">{t('serviceLevels.nobody')}</option>
          {teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
        </SelectField>
        <SelectField label={t('serviceLevels.reassignUser')} value={reassignUserId} onChange={(e) => setReassignUserId(e.target.value)} errors={failure.fields.reassignUserId}>
          <option value="">{t('serviceLevels.noChange')}</option>
          {staff.map((user) => <option key={user.id} value={user.id}>{user.displayName}</option>)}
        </SelectField>
        <SelectField label={t('serviceLevels.reassignTeam')} value={reassignTeamId} onChange={(e) => setReassignTeamId(e.target.value)} errors={failure.fields.reassignTeamId}>
          <option value="">{t('serviceLevels.noChange')}</option>
          {teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
        </SelectField>
        <SelectField label={t('serviceLevels.raisePriorityTo')} value={raisePriorityTo} onChange={(e) => setRaisePriorityTo(e.target.value)}>
          <option value="">{t('serviceLevels.noChange')}</option>
          {priorities.map((value) => <option key={value} value={value}>{t(`priority.${value}`)}</option>)}
        </SelectField>
        <button type="submit" className="primary">{t('serviceLevels.createRule')}</button>
      </form>
    </section>
  );
}
