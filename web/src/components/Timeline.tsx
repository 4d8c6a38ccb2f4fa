// The requester-to-closed timeline: the request's recorded changes followed by the work order's.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getRequestHistory, getWorkOrderHistory, listTeams } from '../api/client';
import type { Activity, Team } from '../api/types';
import { formatDateTime } from '../lib/format';
import { userName, useUsers } from '../lib/useUsers';

interface Entry extends Activity {
  source: 'request' | 'workOrder';
}

type Translate = ReturnType<typeof useTranslation>['t'];

/** Names for the ids a recorded change may hold. */
export interface Names {
  user: (id: number) => string;
  team: (id: number) => string;
}

const levelFields = new Set(['priority', 'urgency', 'impact', 'raisePriorityTo']);
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Shows a recorded value in words: people and teams by name, levels translated, times in local time. */
function describeValue(field: string | null, value: string, t: Translate, names: Names): string {
  const ids = () => value.split(',').map((part) => Number(part.trim())).filter((id) => Number.isInteger(id) && id > 0);
  if (field === 'assigneeUserIds') return ids().map(names.user).join(', ');
  if (field === 'assigneeTeamIds') return ids().map(names.team).join(', ');
  if (field && levelFields.has(field)) return t(`priority.${value}`, { defaultValue: value });
  if (isoDateTime.test(value)) return formatDateTime(value);
  return value;
}

/** Describes one recorded change in words; an action without a text of its own shows its code. */
export function describeEntry(entry: Activity, t: Translate, names: Names): string {
  const action = t(`timeline.action.${entry.action}`, { defaultValue: entry.action });
  if (entry.action === 'field_changed' || entry.action === 'bulk_changed') {
    const field = t(`timeline.field.${entry.field}`, { defaultValue: entry.field ?? '' });
    return entry.newValue
      ? t('timeline.fieldChange', { field, value: describeValue(entry.field, entry.newValue, t, names) })
      : t('timeline.fieldCleared', { field });
  }
  if (!entry.newValue || entry.action === 'comment_added') return action;
  if (entry.field === 'status') {
    const requestStatus = t(`requestStatus.${entry.newValue}`, { defaultValue: entry.newValue });
    return t('timeline.valueChange', { action, value: t(`status.${entry.newValue}`, { defaultValue: requestStatus }) });
  }
  return t('timeline.valueChange', { action, value: describeValue(entry.field, entry.newValue, t, names) });
}

export function Timeline({ workOrderId, requestId, refreshKey }: { workOrderId: number; requestId: number | null; refreshKey?: number }) {
  const { t } = useTranslation();
  const users = useUsers();
  const [teams, setTeams] = useState<Team[]>([]);
  const [entries, setEntries] = useState<Entry[] | null>(null);

  useEffect(() => {
    listTeams().then(setTeams, () => setTeams([]));
  }, []);

  useEffect(() => {
    const requestHistory = requestId
      ? getRequestHistory(requestId).then((items) => items.map((a): Entry => ({ ...a, source: 'request' })), () => [])
      : Promise.resolve([] as Entry[]);
    const workOrderHistory = getWorkOrderHistory(workOrderId)
      .then((items) => items.map((a): Entry => ({ ...a, source: 'workOrder' })), () => []);
    void Promise.all([requestHistory, workOrderHistory]).then(([fromRequest, fromWorkOrder]) =>
      setEntries([...fromRequest, ...fromWorkOrder].sort((a, b) => a.at.localeCompare(b.at))));
  }, [workOrderId, requestId, refreshKey]);

  const names: Names = {
    user: (id) => userName(users, id),
    team: (id) => teams.find((team) => team.id === id)?.name ?? `#${id}`,
  };
  if (!entries) return <p className="loading">{t('common.loading')}</p>;
  if (entries.length === 0) return <p className="hint">{t('timeline.empty')}</p>;
  return (
    <ol className="timeline">
      {entries.map((entry) => (
        <li key={`${entry.source}-${entry.id}`}>
          <p className="meta">
            <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> ·{' '}
            {entry.actorId ? userName(users, entry.actorId) : t('timeline.system')} ·{' '}
            {t(`timeline.source.${entry.source}`)}
          </p>
          <p>{describeEntry(entry, t, names)}</p>
        </li>
      ))}
    </ol>
  );
}
