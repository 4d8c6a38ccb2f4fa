// The requester-to-closed timeline: the request's recorded changes followed by the work order's.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getRequestHistory, getWorkOrderHistory } from '../api/client';
import type { Activity } from '../api/types';
import { formatDateTime } from '../lib/format';
import { userName, useUsers } from '../lib/useUsers';

interface Entry extends Activity {
  source: 'request' | 'workOrder';
}

type Translate = ReturnType<typeof useTranslation>['t'];

/** Describes one recorded change in words; an action without a text of its own shows its code. */
function describeEntry(entry: Entry, t: Translate): string {
  const action = t(`timeline.action.${entry.action}`, { defaultValue: entry.action });
  if (!entry.newValue || entry.action === 'comment_added') return action;
  if (entry.field === 'status') {
    const requestStatus = t(`requestStatus.${entry.newValue}`, { defaultValue: entry.newValue });
    return t('timeline.valueChange', { action, value: t(`status.${entry.newValue}`, { defaultValue: requestStatus }) });
  }
  return t('timeline.valueChange', { action, value: entry.newValue });
}

export function Timeline({ workOrderId, requestId, refreshKey }: { workOrderId: number; requestId: number | null; refreshKey?: number }) {
  const { t } = useTranslation();
  const users = useUsers();
  const [entries, setEntries] = useState<Entry[] | null>(null);

  useEffect(() => {
    const requestHistory = requestId
      ? getRequestHistory(requestId).then((items) => items.map((a): Entry => ({ ...a, source: 'request' })), () => [])
      : Promise.resolve([] as Entry[]);
    const workOrderHistory = getWorkOrderHistory(workOrderId)
      .then((items) => items.map((a): Entry => ({ ...a, source: 'workOrder' })), () => []);
    void Promise.all([requestHistory, workOrderHistory]).then(([fromRequest, fromWorkOrder]) =>
      setEntries([...fromRequest, ...fromWorkOrder].sort((a, b) => a.at.localeCompare(b.at))));
  }, [workOrderId, requestId, refreshKey]);

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
          <p>{describeEntry(entry, t)}</p>
        </li>
      ))}
    </ol>
  );
}
