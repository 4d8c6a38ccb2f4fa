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
          <p>
            {entry.field
              ? t('timeline.fieldChange', { action: entry.action, field: entry.field, from: entry.oldValue ?? '–', to: entry.newValue ?? '–' })
              : entry.action}
          </p>
        </li>
      ))}
    </ol>
  );
}
