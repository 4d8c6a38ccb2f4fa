// The technician's list, phone first: overdue work, then today's, then the rest by due date.
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { listWorkOrders, toQuery } from '../api/client';
import type { WorkOrder } from '../api/types';
import { useLive } from '../api/live';
import { PriorityBadge, StatusBadge } from '../components/StatusBadge';
import { formatDate, startOfDay } from '../lib/format';
import { useSession } from '../session';

export interface WorkGroups {
  overdue: WorkOrder[];
  today: WorkOrder[];
  later: WorkOrder[];
}

/** Sorts work into overdue (due before today), today, and later or without a due date. */
export function groupByDue(items: WorkOrder[], now: Date): WorkGroups {
  const today = startOfDay(now).getTime();
  const tomorrow = today + 24 * 60 * 60 * 1000;
  const groups: WorkGroups = { overdue: [], today: [], later: [] };
  for (const item of items) {
    const due = item.dueAt ? new Date(item.dueAt).getTime() : null;
    if (due !== null && due < today) groups.overdue.push(item);
    else if (due !== null && due < tomorrow) groups.today.push(item);
    else groups.later.push(item);
  }
  return groups;
}

export function MyWorkPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [items, setItems] = useState<WorkOrder[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(() => {
    if (!me) return;
    const query = toQuery({ assigneeId: me.id, status: 'open,assigned,in_progress,on_hold', sort: 'dueAt', pageSize: 200 });
    listWorkOrders(query).then(
      (page) => {
        setItems(page.items);
        setLoadError(null);
      },
      () => setLoadError(t('common.loadFailed')),
    );
  }, [me, t]);

  useEffect(load, [load]);
  useLive({ workOrderChanged: load });

  const groups = items ? groupByDue(items, new Date()) : null;
  return (
    <div className="page my-work">
      <h1>{t('myWork.title')}</h1>
      {loadError && <p className="form-error" role="alert">{loadError}</p>}
      {!groups && !loadError && <p className="loading">{t('common.loading')}</p>}
      {groups && items!.length === 0 && <p className="empty">{t('myWork.empty')}</p>}
      {groups && (['overdue', 'today', 'later'] as const).map((name) =>
        groups[name].length > 0 && (
          <section key={name} aria-labelledby={`group-${name}`}>
            <h2 id={`group-${name}`} className={`group-${name}`}>{t(`myWork.${name}`, { count: groups[name].length })}</h2>
            <ul className="work-cards">
              {groups[name].map((item) => (
                <li key={item.id}>
                  <Link to={`/work-orders/${item.id}`} className="work-card">
                    <span className="work-title">{item.title}</span>
                    <span className="work-meta">
                      <StatusBadge status={item.status} /> <PriorityBadge priority={item.priority} />
                      {item.dueAt && <span className="due">{formatDate(item.dueAt)}</span>}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </div>
  );
}
