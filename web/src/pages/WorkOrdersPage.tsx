// The dispatcher's work order list: the API's filters and sorting kept in the address, saved
// views, a board by status, bulk changes and live refresh when others change work orders. Wide
// screens show a table, and phones show one card per work order.
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { bulkUpdateWorkOrders, createView, deleteView, listViews, listWorkOrders } from '../api/client';
import type { BulkResult, ListPage, SavedView, WorkOrder, WorkOrderStatus } from '../api/types';
import { priorities, workOrderStatuses } from '../api/types';
import { useLive } from '../api/live';
import { FormError, SelectField, TextField, describeFailure, noFailure, type SubmitFailure } from '../components/forms';
import { PriorityBadge, StatusBadge } from '../components/StatusBadge';
import { SlaBadge } from '../components/SlaBadge';
import { formatDate } from '../lib/format';
import { shortTrail, useLocationTrails } from '../lib/useLocationTrails';
import { useMediaQuery } from '../lib/useMediaQuery';
import { userName, useUsers } from '../lib/useUsers';
import { useSession } from '../session';

const sortFields = ['createdAt', 'updatedAt', 'dueAt', 'priority', 'status', 'title', 'id'];
const boardStatuses: WorkOrderStatus[] = ['open', 'assigned', 'in_progress', 'on_hold', 'completed'];
// Parameters that belong to this page's display and not to the API query.
const displayParams = ['view'];
const pageSize = 50;
// On phones the filters start folded so that the list is on the first screen.
const filtersOpenAtStart = typeof window.matchMedia === 'function' && window.matchMedia('(min-width: 900px)').matches;
// Below this width the table's columns do not fit, so each work order becomes a card.
const tableMediaQuery = '(min-width: 760px)';

/** Returns the API query string for the page's address: its filters without the display settings. */
export function apiQueryFrom(params: URLSearchParams): string {
  const query = new URLSearchParams();
  params.forEach((value, key) => {
    if (!displayParams.includes(key) && value !== '') query.set(key, value);
  });
  if (!query.has('pageSize')) query.set('pageSize', String(pageSize));
  return query.toString();
}

export function WorkOrdersPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState<ListPage<WorkOrder> | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [liveNote, setLiveNote] = useState('');
  const users = useUsers();
  const query = apiQueryFrom(params);
  const board = params.get('view') === 'board';
  const wide = useMediaQuery(tableMediaQuery);
  const trails = useLocationTrails(locationIdsOf(page?.items ?? []));
  const canBulk = me?.role === 'dispatcher' || me?.role === 'administrator';

  const load = useCallback(() => {
    listWorkOrders(query).then(
      (result) => {
        setPage(result);
        setLoadError(null);
      },
      (error: unknown) => setLoadError(describeFailure(error, [], t('common.offline')).general ?? t('common.loadFailed')),
    );
  }, [query, t]);

  useEffect(load, [load]);

  const reloadTimer = useRef<number | undefined>(undefined);
  useLive({
    workOrderChanged: () => {
      window.clearTimeout(reloadTimer.current);
      reloadTimer.current = window.setTimeout(() => {
        load();
        setLiveNote(t('workOrders.liveUpdated'));
      }, 400);
    },
  });

  function setParam(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== 'page' && name !== 'view') next.delete('page');
    setParams(next);
  }

  const statusFilter = (params.get('status') ?? '').split(',').filter(Boolean);
  function toggleStatus(status: string) {
    const next = statusFilter.includes(status) ? statusFilter.filter((s) => s !== status) : [...statusFilter, status];
    setParam('status', next.join(','));
  }

  const currentPage = Number(params.get('page') ?? '1');
  const lastPage = page ? Math.max(1, Math.ceil(page.totalCount / page.pageSize)) : 1;
  // A search with more matches than the server counts reports a lower bound, so a full page may have more after it.
  const countIsLowerBound = page?.totalCountIsLowerBound === true;
  const hasNextPage = currentPage < lastPage || (countIsLowerBound && page !== null && page.items.length === page.pageSize);

  return (
    <div className="page wide">
      <h1>{t('workOrders.title')}</h1>
      <details className="filters" open={filtersOpenAtStart}>
        <summary>{t('workOrders.filters')}</summary>
        <form className="filter-grid" onSubmit={(e) => e.preventDefault()} role="search">
          <div className="filter-search">
            <TextField label={t('workOrders.search')} type="search" defaultValue={params.get('q') ?? ''}
              onKeyDown={(e) => { if (e.key === 'Enter') setParam('q', e.currentTarget.value.trim()); }}
              onBlur={(e) => setParam('q', e.currentTarget.value.trim())} />
          </div>
          <fieldset className="checks">
            <legend>{t('workOrders.status')}</legend>
            {workOrderStatuses.map((status) => (
              <label key={status}>
                <input type="checkbox" checked={statusFilter.includes(status)} onChange={() => toggleStatus(status)} />
                {t(`status.${status}`)}
              </label>
            ))}
          </fieldset>
          <SelectField label={t('workOrders.priority')} value={params.get('priority') ?? ''} onChange={(e) => setParam('priority', e.target.value)}>
            <option value="">{t('workOrders.any')}</option>
            {priorities.map((value) => <option key={value} value={value}>{t(`priority.${value}`)}</option>)}
          </SelectField>
          <SelectField label={t('workOrders.assignee')} value={params.get('assigneeId') ?? ''} onChange={(e) => setParam('assigneeId', e.target.value)}>
            <option value="">{t('workOrders.any')}</option>
            {users.map((user) => <option key={user.id} value={user.id}>{user.displayName}</option>)}
          </SelectField>
          <TextField label={t('workOrders.dueFrom')} type="date" value={(params.get('dueFrom') ?? '').slice(0, 10)}
            onChange={(e) => setParam('dueFrom', e.target.value)} />
          <TextField label={t('workOrders.dueTo')} type="date" value={(params.get('dueTo') ?? '').slice(0, 10)}
            onChange={(e) => setParam('dueTo', e.target.value)} />
          <SelectField label={t('workOrders.sort')} value={params.get('sort') ?? ''} onChange={(e) => setParam('sort', e.target.value)}>
            <option value="">{t('workOrders.sortDefault')}</option>
            {sortFields.flatMap((field) => [
              <option key={field} value={field}>{t('workOrders.sortAscending', { field: t(`field.${field}`) })}</option>,
              <option key={`-${field}`} value={`-${field}`}>{t('workOrders.sortDescending', { field: t(`field.${field}`) })}</option>,
            ])}
          </SelectField>
        </form>
      </details>
      <div className="toolbar">
        <div className="segmented" role="group" aria-label={t('workOrders.layout')}>
          <button type="button" aria-pressed={!board} onClick={() => setParam('view', '')}>{t('workOrders.listView')}</button>
          <button type="button" aria-pressed={board} onClick={() => setParam('view', 'board')}>{t('workOrders.boardView')}</button>
        </div>
        {page && (
          <p className="count">
            {countIsLowerBound ? t('workOrders.countAtLeast', { count: page.totalCount }) : t('workOrders.count', { count: page.totalCount })}
          </p>
        )}
        <p className="live-note" aria-live="polite">{liveNote}</p>
        <SavedViews currentQuery={params.toString()} onApply={(q) => setParams(new URLSearchParams(q))} />
      </div>
      {loadError && <p className="form-error" role="alert">{loadError}</p>}
      {canBulk && selected.size > 0 && (
        <BulkBar ids={[...selected]} onDone={() => { setSelected(new Set()); load(); }} />
      )}
      {page && !board && (
        wide
          ? <WorkOrderTable items={page.items} users={users} trails={trails} selectable={canBulk} selected={selected} onSelectedChange={setSelected} />
          : <WorkOrderCards items={page.items} users={users} trails={trails} selectable={canBulk} selected={selected} onSelectedChange={setSelected} />
      )}
      {page && board && <Board items={page.items} users={users} trails={trails} />}
      {page && (lastPage > 1 || hasNextPage) && (
        <nav className="pager" aria-label={t('workOrders.pages')}>
          <button type="button" disabled={currentPage <= 1} onClick={() => setParam('page', String(currentPage - 1))}>{t('workOrders.previous')}</button>
          <span>{t(countIsLowerBound ? 'workOrders.pageOfAtLeast' : 'workOrders.pageOf', { page: currentPage, pages: lastPage })}</span>
          <button type="button" disabled={!hasNextPage} onClick={() => setParam('page', String(currentPage + 1))}>{t('workOrders.next')}</button>
        </nav>
      )}
    </div>
  );
}

function locationIdsOf(items: WorkOrder[]): number[] {
  return items.flatMap((item) => (item.locationId ? [item.locationId] : []));
}

type LocationTrails = ReadonlyMap<number, string[]>;

/** Shows a work order's location by its last two names, with the whole trail as the tooltip. */
function LocationCell({ locationId, trails }: { locationId: number | null; trails: LocationTrails }) {
  const { t } = useTranslation();
  if (!locationId) return null;
  const names = trails.get(locationId);
  if (!names) return <span className="loading" aria-busy="true">{t('common.loading')}</span>;
  return <span className="location-name" title={names.join(' › ')}>{shortTrail(names)}</span>;
}

interface ListProps {
  items: WorkOrder[];
  users: ReturnType<typeof useUsers>;
  trails: LocationTrails;
  selectable: boolean;
  selected: Set<number>;
  onSelectedChange: (ids: Set<number>) => void;
}

/** Returns whether every item is selected, and functions that toggle one item or all of them. */
function useSelection({ items, selected, onSelectedChange }: Pick<ListProps, 'items' | 'selected' | 'onSelectedChange'>) {
  const allSelected = items.length > 0 && items.every((item) => selected.has(item.id));
  function toggle(id: number) {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelectedChange(next);
  }
  function toggleAll() {
    onSelectedChange(allSelected ? new Set() : new Set(items.map((item) => item.id)));
  }
  return { allSelected, toggle, toggleAll };
}

function WorkOrderTable({ items, users, trails, selectable, selected, onSelectedChange }: ListProps) {
  const { t } = useTranslation();
  const { allSelected, toggle, toggleAll } = useSelection({ items, selected, onSelectedChange });
  if (items.length === 0) return <p className="empty">{t('workOrders.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="list">
        <thead>
          <tr>
            {selectable && (
              <th scope="col">
                <input type="checkbox" aria-label={t('workOrders.selectAll')} checked={allSelected} onChange={toggleAll} />
              </th>
            )}
            <th scope="col" className="nowrap">{t('field.id')}</th>
            <th scope="col" className="title-column">{t('field.title')}</th>
            <th scope="col">{t('field.location')}</th>
            <th scope="col">{t('field.status')}</th>
            <th scope="col">{t('field.priority')}</th>
            <th scope="col">{t('workOrders.assignee')}</th>
            <th scope="col" className="nowrap">{t('field.dueAt')}</th>
            <th scope="col">{t('field.sla')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              {selectable && (
                <td>
                  <input type="checkbox" aria-label={t('workOrders.select', { title: item.title })}
                    checked={selected.has(item.id)} onChange={() => toggle(item.id)} />
                </td>
              )}
              <td className="nowrap">{item.id}</td>
              <td><Link to={`/work-orders/${item.id}`}>{item.title}</Link></td>
              <td><LocationCell locationId={item.locationId} trails={trails} /></td>
              <td><StatusBadge status={item.status} /></td>
              <td><PriorityBadge priority={item.priority} /></td>
              <td>{item.assigneeUserIds.map((id) => userName(users, id)).join(', ')}</td>
              <td className="nowrap">{formatDate(item.dueAt)}</td>
              <td className="nowrap"><SlaBadge sla={item.sla} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Lists the work orders as cards for phones, with the same selection as the table. */
function WorkOrderCards({ items, users, trails, selectable, selected, onSelectedChange }: ListProps) {
  const { t } = useTranslation();
  const { allSelected, toggle, toggleAll } = useSelection({ items, selected, onSelectedChange });
  if (items.length === 0) return <p className="empty">{t('workOrders.empty')}</p>;
  return (
    <>
      {selectable && (
        <label className="select-all">
          <input type="checkbox" checked={allSelected} onChange={toggleAll} />
          {t('workOrders.selectAll')}
        </label>
      )}
      <ul className="work-order-cards">
        {items.map((item) => {
          const assignees = item.assigneeUserIds.map((id) => userName(users, id)).join(', ');
          return (
            <li key={item.id} className="work-order-card">
              {selectable && (
                <label className="card-check">
                  <input type="checkbox" aria-label={t('workOrders.select', { title: item.title })}
                    checked={selected.has(item.id)} onChange={() => toggle(item.id)} />
                </label>
              )}
              <div className="work-order-card-body">
                <p className="work-title">
                  <Link to={`/work-orders/${item.id}`}>{item.title}</Link> <span className="id">#{item.id}</span>
                </p>
                <p className="work-meta">
                  <StatusBadge status={item.status} /> <PriorityBadge priority={item.priority} />
                  {item.dueAt && <span className="due">{t('workOrder.due', { date: formatDate(item.dueAt) })}</span>}
                  {' '}<SlaBadge sla={item.sla} />
                </p>
                {item.locationId && <p className="meta"><LocationCell locationId={item.locationId} trails={trails} /></p>}
                {assignees && <p className="meta">{assignees}</p>}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}

function Board({ items, users, trails }: { items: WorkOrder[]; users: ReturnType<typeof useUsers>; trails: LocationTrails }) {
  const { t } = useTranslation();
  const columns = useMemo(() => boardStatuses.map((status) => ({
    status, items: items.filter((item) => item.status === status || (status === 'open' && item.status === 'reopened')),
  })), [items]);
  return (
    <div className="board">
      {columns.map((column) => (
        <section key={column.status} className="board-column" aria-label={t(`status.${column.status}`)}>
          <h2>{t(`status.${column.status}`)} <span className="count">{column.items.length}</span></h2>
          <ul>
            {column.items.map((item) => (
              <li key={item.id} className="board-card">
                <Link to={`/work-orders/${item.id}`}>{item.title}</Link>
                <p className="meta">
                  <PriorityBadge priority={item.priority} /> {item.assigneeUserIds.map((id) => userName(users, id)).join(', ')}
                </p>
                {item.locationId && <p className="meta"><LocationCell locationId={item.locationId} trails={trails} /></p>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function BulkBar({ ids, onDone }: { ids: number[]; onDone: () => void }) {
  const { t } = useTranslation();
  const users = useUsers();
  const [assigneeId, setAssigneeId] = useState('');
  const [status, setStatus] = useState('');
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [result, setResult] = useState<BulkResult | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!assigneeId && !status) {
      setFailure({ ...noFailure, general: t('bulk.nothingChosen') });
      return;
    }
    setBusy(true);
    setFailure(noFailure);
    try {
      const outcome = await bulkUpdateWorkOrders({
        ids,
        assigneeUserIds: assigneeId ? [Number(assigneeId)] : undefined,
        status: (status || undefined) as WorkOrderStatus | undefined,
        reason: reason.trim() || undefined,
      });
      setResult(outcome);
      if (outcome.results.every((r) => r.ok)) onDone();
    } catch (error) {
      setFailure(describeFailure(error, ['assigneeUserIds', 'status', 'reason'], t('common.offline')));
    } finally {
      setBusy(false);
    }
  }

  const failed = result?.results.filter((r) => !r.ok) ?? [];
  return (
    <form className="bulk-bar" onSubmit={submit} aria-label={t('bulk.label')}>
      <p><strong>{t('bulk.selected', { count: ids.length })}</strong></p>
      <FormError message={failure.general} />
      <SelectField label={t('bulk.assignTo')} value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)} errors={failure.fields.assigneeUserIds}>
        <option value="">{t('bulk.keep')}</option>
        {users.filter((u) => u.isActive).map((user) => <option key={user.id} value={user.id}>{user.displayName}</option>)}
      </SelectField>
      <SelectField label={t('bulk.status')} value={status} onChange={(e) => setStatus(e.target.value)} errors={failure.fields.status}>
        <option value="">{t('bulk.keep')}</option>
        {workOrderStatuses.map((value) => <option key={value} value={value}>{t(`status.${value}`)}</option>)}
      </SelectField>
      {['on_hold', 'cancelled', 'reopened'].includes(status) && (
        <TextField label={t('bulk.reason')} value={reason} onChange={(e) => setReason(e.target.value)} errors={failure.fields.reason} />
      )}
      <button type="submit" className="primary" disabled={busy}>{t('bulk.apply')}</button>
      {failed.length > 0 && (
        <div role="alert" className="form-error">
          <p>{t('bulk.someFailed', { count: failed.length })}</p>
          <ul>{failed.map((r) => <li key={r.id}>#{r.id}: {r.error}</li>)}</ul>
        </div>
      )}
    </form>
  );
}

function SavedViews({ currentQuery, onApply }: { currentQuery: string; onApply: (query: string) => void }) {
  const { t } = useTranslation();
  const [views, setViews] = useState<SavedView[] | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [name, setName] = useState('');
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);

  const load = useCallback(() => {
    listViews().then(setViews, () => setUnavailable(true));
  }, []);
  useEffect(load, [load]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setFailure({ ...noFailure, fields: { name: [t('views.nameRequired')] } });
      return;
    }
    try {
      await createView(name.trim(), currentQuery);
      setName('');
      setFailure(noFailure);
      load();
    } catch (error) {
      setFailure(describeFailure(error, ['name', 'query'], t('common.offline')));
    }
  }

  if (unavailable) return <p className="hint">{t('views.unavailable')}</p>;
  return (
    <section className="saved-views" aria-label={t('views.label')}>
      <ul className="chips">
        {views?.map((view) => (
          <li key={view.id}>
            <button type="button" className="chip" onClick={() => onApply(view.query)}>{view.name}</button>
            <button type="button" className="chip-remove" aria-label={t('views.delete', { name: view.name })}
              onClick={async () => { await deleteView(view.id).catch(() => undefined); load(); }}>×</button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={save}>
        <TextField label={t('views.name')} value={name} onChange={(e) => setName(e.target.value)} errors={failure.fields.name} />
        <button type="submit">{t('views.save')}</button>
        <FormError message={failure.general} />
      </form>
    </section>
  );
}
