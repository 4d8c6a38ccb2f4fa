// One work order, phone first: status buttons, comments, photos and files, the asset's recent
// work and the timeline from the request to now.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  ApiError, addWorkOrderComment, attachmentUrl, changeStatus, getAsset, getWorkOrder,
  listWorkOrderAttachments, listWorkOrderComments, listWorkOrders, newIdempotencyKey, updateWorkOrder,
  uploadWorkOrderAttachment,
} from '../api/client';
import type { Asset, Attachment, Comment, Priority, Tagged, WorkOrder, WorkOrderStatus } from '../api/types';
import { priorities } from '../api/types';
import { useLive } from '../api/live';
import { ConflictNotice, FormError, SelectField, TextArea, TextField, describeFailure, noFailure, type SubmitFailure } from '../components/forms';
import { PriorityBadge, StatusBadge } from '../components/StatusBadge';
import { Timeline } from '../components/Timeline';
import { LocationTrail } from '../components/LocationTrail';
import { useDraft } from '../lib/drafts';
import { endOfLocalDay, formatDate, formatDateTime, toDateInput, workOrderTypeLabel } from '../lib/format';
import { etagFor, quickActions, statusesNeedingReason } from '../lib/lifecycle';
import { userName, useUserDirectory, useUsers } from '../lib/useUsers';
import { useSession } from '../session';

export function WorkOrderPage() {
  const { id: idText = '' } = useParams();
  const id = Number(idText);
  const { t } = useTranslation();
  const [record, setRecord] = useState<Tagged<WorkOrder> | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  const { me } = useSession();
  const canEdit = me?.role === 'dispatcher' || me?.role === 'administrator';
  // Dispatchers reach a work order from the list of all work orders, technicians from their own.
  const backLink = canEdit ? { to: '/work-orders', label: t('nav.workOrders') } : { to: '/my-work', label: t('nav.myWork') };

  const load = useCallback(() => {
    getWorkOrder(id).then(
      (value) => {
        setRecord({ value: value.value, etag: value.etag || etagFor(value.value.id, value.value.version) });
        setLoadError(null);
        setChangedElsewhere(false);
      },
      (error: unknown) => setLoadError(
        error instanceof ApiError && error.status === 404 ? t('workOrder.notFound') : t('common.offline')),
    );
  }, [id, t]);

  useEffect(load, [load]);
  useLive({
    workOrderChanged: (event) => {
      if (event.id === id && record && event.version !== record.value.version) setChangedElsewhere(true);
    },
  });

  if (loadError) return <div className="page"><p className="form-error" role="alert">{loadError}</p></div>;
  if (!record) return <div className="page"><p className="loading">{t('common.loading')}</p></div>;
  const workOrder = record.value;

  return (
    <div className="page work-order">
      <p className="breadcrumb"><Link to={backLink.to}>{backLink.label}</Link></p>
      <h1>{workOrder.title} <span className="id">#{workOrder.id}</span></h1>
      <p className="badges">
        <StatusBadge status={workOrder.status} /> <PriorityBadge priority={workOrder.priority} />
        {workOrder.dueAt && <span className="due">{t('workOrder.due', { date: formatDate(workOrder.dueAt) })}</span>}
      </p>
      {changedElsewhere && <ConflictNotice onReload={load} />}
      <StatusActions record={record} onChanged={setRecord} onReload={load} />
      <Details workOrder={workOrder} />
      {canEdit && <EditForm key={record.etag} record={record} onChanged={setRecord} onReload={load} />}
      <Comments workOrderId={workOrder.id} />
      <Attachments workOrderId={workOrder.id} />
      {workOrder.assetId && <AssetHistory assetId={workOrder.assetId} currentId={workOrder.id} />}
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('timeline.title')}</h2>
        <Timeline workOrderId={workOrder.id} requestId={workOrder.requestId} refreshKey={workOrder.version} />
      </section>
    </div>
  );
}

function StatusActions({ record, onChanged, onReload }: {
  record: Tagged<WorkOrder>; onChanged: (value: Tagged<WorkOrder>) => void; onReload: () => void;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [askingReasonFor, setAskingReasonFor] = useState<WorkOrderStatus | null>(null);
  const [otherReason, setOtherReason] = useState('');
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [busy, setBusy] = useState(false);
  const actions = me ? quickActions(record.value.status, me.role) : [];

  async function move(status: WorkOrderStatus, reason: string | null) {
    setBusy(true);
    setFailure(noFailure);
    try {
      const changed = await changeStatus(record.value.id, record.etag, status, reason);
      onChanged({ value: changed.value, etag: changed.etag || etagFor(changed.value.id, changed.value.version) });
      setAskingReasonFor(null);
      setOtherReason('');
    } catch (error) {
      setFailure(describeFailure(error, ['reason'], t('common.offline')));
    } finally {
      setBusy(false);
    }
  }

  function tap(status: WorkOrderStatus) {
    if (statusesNeedingReason.includes(status)) setAskingReasonFor(status);
    else void move(status, null);
  }

  function submitOther(event: FormEvent) {
    event.preventDefault();
    if (!otherReason.trim()) {
      setFailure({ ...noFailure, fields: { reason: [t('workOrder.reasonRequired')] } });
      return;
    }
    void move(askingReasonFor!, otherReason.trim());
  }

  if (actions.length === 0) return null;
  return (
    <section className="status-actions" aria-label={t('workOrder.actions')}>
      {failure.conflict && <ConflictNotice onReload={onReload} />}
      {!failure.conflict && <FormError message={failure.general} />}
      {askingReasonFor === null ? (
        <div className="big-buttons">
          {actions.map((status) => (
            <button key={status} type="button" className={`big action-${status}`} disabled={busy} onClick={() => tap(status)}>
              {t(`action.${status}`)}
            </button>
          ))}
        </div>
      ) : (
        <div className="reason-picker">
          <h2>{t('workOrder.whyTitle', { action: t(`action.${askingReasonFor}`) })}</h2>
          {askingReasonFor === 'on_hold' && (
            <div className="big-buttons">
              {(['parts', 'access', 'requester'] as const).map((preset) => (
                <button key={preset} type="button" className="big" disabled={busy}
                  onClick={() => void move('on_hold', t(`workOrder.pauseReason.${preset}`))}>
                  {t(`workOrder.pauseReason.${preset}`)}
                </button>
              ))}
            </div>
          )}
          <form onSubmit={submitOther} noValidate className="inline-form">
            <TextField label={t('workOrder.otherReason')} value={otherReason} onChange={(e) => setOtherReason(e.target.value)}
              errors={failure.fields.reason} />
            <button type="submit" className="primary" disabled={busy}>{t(`action.${askingReasonFor}`)}</button>
            <button type="button" onClick={() => { setAskingReasonFor(null); setFailure(noFailure); }}>{t('common.cancel')}</button>
          </form>
        </div>
      )}
    </section>
  );
}

/** Dispatchers' form for priority, assignee and due date, saved as a merge patch with If-Match. */
function EditForm({ record, onChanged, onReload }: {
  record: Tagged<WorkOrder>; onChanged: (value: Tagged<WorkOrder>) => void; onReload: () => void;
}) {
  const { t } = useTranslation();
  const users = useUsers();
  const workOrder = record.value;
  const [priority, setPriority] = useState<Priority>(workOrder.priority);
  const [assigneeId, setAssigneeId] = useState(workOrder.assigneeUserIds[0]?.toString() ?? '');
  const [dueDate, setDueDate] = useState(workOrder.dueAt ? toDateInput(workOrder.dueAt) : '');
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(noFailure);
    setSaved(false);
    try {
      const changed = await updateWorkOrder(workOrder.id, record.etag, {
        priority,
        assigneeUserIds: assigneeId ? [Number(assigneeId)] : [],
        dueAt: endOfLocalDay(dueDate),
      });
      setSaved(true);
      onChanged({ value: changed.value, etag: changed.etag || etagFor(changed.value.id, changed.value.version) });
    } catch (error) {
      setFailure(describeFailure(error, ['priority', 'assigneeUserIds', 'dueAt'], t('common.offline')));
    }
  }

  return (
    <details className="edit-work-order">
      <summary>{t('workOrder.edit')}</summary>
      <form onSubmit={submit} noValidate>
        {failure.conflict ? <ConflictNotice onReload={onReload} /> : <FormError message={failure.general} />}
        <div className="grid-fields">
          <SelectField label={t('field.priority')} value={priority} onChange={(e) => setPriority(e.target.value as Priority)}
            errors={failure.fields.priority}>
            {priorities.map((value) => <option key={value} value={value}>{t(`priority.${value}`)}</option>)}
          </SelectField>
          <SelectField label={t('workOrders.assignee')} value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}
            errors={failure.fields.assigneeUserIds}>
            <option value="">{t('workOrder.unassigned')}</option>
            {users.filter((user) => user.isActive).map((user) => <option key={user.id} value={user.id}>{user.displayName}</option>)}
          </SelectField>
          <TextField label={t('triage.dueDate')} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)}
            errors={failure.fields.dueAt} />
        </div>
        <button type="submit" className="primary">{t('common.save')}</button>
        {saved && <span role="status" className="saved-note">{t('workOrder.saved')}</span>}
      </form>
    </details>
  );
}

function Details({ workOrder }: { workOrder: WorkOrder }) {
  const { t } = useTranslation();
  const { users, loaded: usersLoaded } = useUserDirectory();
  const [asset, setAsset] = useState<Asset | null>(null);
  useEffect(() => {
    if (workOrder.assetId) getAsset(workOrder.assetId).then((found) => setAsset(found.value), () => setAsset(null));
  }, [workOrder.assetId]);
  const assignees = workOrder.assigneeUserIds.map((userId) => userName(users, userId)).join(', ');

  return (
    <section aria-labelledby="details-title">
      <h2 id="details-title" className="visually-hidden">{t('workOrder.details')}</h2>
      {workOrder.description && <p className="description multiline">{workOrder.description}</p>}
      <dl className="facts">
        {workOrder.locationId && (<><dt>{t('field.location')}</dt><dd data-testid="location"><LocationTrail locationId={workOrder.locationId} /></dd></>)}
        {asset && (<><dt>{t('field.asset')}</dt><dd><Link to={`/assets/${asset.id}`}>{asset.name} ({asset.tag})</Link></dd></>)}
        {workOrder.scheduleId !== null && workOrder.scheduleId !== undefined && (
          <><dt>{t('workOrder.schedule')}</dt><dd><Link to="/schedules">{t('workOrder.scheduleLink', { id: workOrder.scheduleId })}</Link></dd></>
        )}
        <dt>{t('field.type')}</dt><dd data-testid="type">{workOrderTypeLabel(t, workOrder.type)}</dd>
        <dt>{t('workOrders.assignee')}</dt>
        <dd data-testid="assignees">
          {workOrder.assigneeUserIds.length > 0 && !usersLoaded ? t('common.loading') : assignees || t('workOrder.unassigned')}
        </dd>
        {workOrder.statusReason && (<><dt>{t('field.statusReason')}</dt><dd>{workOrder.statusReason}</dd></>)}
        <dt>{t('field.createdAt')}</dt><dd>{formatDateTime(workOrder.createdAt)}</dd>
      </dl>
    </section>
  );
}

function Comments({ workOrderId }: { workOrderId: number }) {
  const { t } = useTranslation();
  const users = useUsers();
  const [comments, setComments] = useState<Comment[]>([]);
  const draft = useDraft(`work-order-comment:${workOrderId}`, { body: '', idempotencyKey: '' });
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    listWorkOrderComments(workOrderId).then(setComments, () => setComments([]));
  }, [workOrderId]);
  useEffect(load, [load]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = draft.values.body.trim();
    if (!body) {
      setFailure({ ...noFailure, fields: { body: [t('workOrder.commentRequired')] } });
      return;
    }
    const idempotencyKey = draft.values.idempotencyKey || newIdempotencyKey();
    draft.update({ idempotencyKey });
    setBusy(true);
    setFailure(noFailure);
    try {
      await addWorkOrderComment(workOrderId, body, idempotencyKey);
      await draft.clear();
      load();
    } catch (error) {
      setFailure(describeFailure(error, ['body'], t('workOrder.savedOffline')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="comments-title">
      <h2 id="comments-title">{t('workOrder.comments')}</h2>
      {comments.length === 0 && <p className="hint">{t('workOrder.noComments')}</p>}
      <ol className="comments">
        {comments.map((comment) => (
          <li key={comment.id} className="comment">
            <p className="comment-meta">
              {comment.authorId ? userName(users, comment.authorId) : t('workOrder.requester')} · {formatDateTime(comment.createdAt)}
            </p>
            <p className="multiline">{comment.body}</p>
          </li>
        ))}
      </ol>
      <form onSubmit={submit} noValidate>
        <FormError message={failure.general} />
        <TextArea label={t('workOrder.addComment')} rows={3} value={draft.values.body} disabled={!draft.loaded}
          onChange={(e) => draft.update({ body: e.target.value })} errors={failure.fields.body} />
        <button type="submit" disabled={busy}>{busy ? t('common.sending') : t('workOrder.sendComment')}</button>
      </form>
    </section>
  );
}

function Attachments({ workOrderId }: { workOrderId: number }) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<Attachment[]>([]);
  const pending = useDraft<{ file: File | null; idempotencyKey: string }>(`work-order-upload:${workOrderId}`, {
    file: null, idempotencyKey: '',
  });
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    listWorkOrderAttachments(workOrderId).then(setFiles, () => setFiles([]));
  }, [workOrderId]);
  useEffect(load, [load]);

  async function upload(file: File, idempotencyKey: string) {
    setBusy(true);
    setFailure(noFailure);
    try {
      await uploadWorkOrderAttachment(workOrderId, file, idempotencyKey);
      await pending.clear();
      load();
    } catch (error) {
      setFailure(describeFailure(error, ['file'], t('workOrder.uploadOffline')));
    } finally {
      setBusy(false);
    }
  }

  function choose(file: File | undefined) {
    if (!file) return;
    // The file waits in IndexedDB until the upload succeeds, so a dropped connection can retry it.
    const idempotencyKey = newIdempotencyKey();
    pending.update({ file, idempotencyKey });
    void upload(file, idempotencyKey);
  }

  return (
    <section aria-labelledby="files-title">
      <h2 id="files-title">{t('workOrder.files')}</h2>
      <ul className="thumbs">
        {files.map((file) => (
          <li key={file.id}>
            <a href={attachmentUrl(file.id)} target="_blank" rel="noreferrer">
              {file.contentType.startsWith('image/')
                ? <img src={attachmentUrl(file.id)} alt={file.fileName} />
                : file.fileName}
            </a>
          </li>
        ))}
      </ul>
      <div className="file-buttons">
        <label className="button">
          {t('workOrder.takePhoto')}
          <input type="file" accept="image/*" capture="environment" className="visually-hidden" disabled={busy}
            onChange={(e) => { choose(e.target.files?.[0]); e.target.value = ''; }} />
        </label>
        <label className="button">
          {t('workOrder.attachFile')}
          <input type="file" className="visually-hidden" disabled={busy} data-testid="attach-file"
            accept="image/*,application/pdf,text/plain,text/csv"
            onChange={(e) => { choose(e.target.files?.[0]); e.target.value = ''; }} />
        </label>
      </div>
      {busy && <p aria-live="polite">{t('workOrder.uploading')}</p>}
      {failure.fields.file && <p className="field-error" role="alert">{failure.fields.file.join(' ')}</p>}
      <FormError message={failure.general} />
      {!busy && pending.values.file && (
        <p>
          <button type="button" onClick={() => void upload(pending.values.file!, pending.values.idempotencyKey)}>
            {t('workOrder.retryUpload', { name: pending.values.file.name })}
          </button>
        </p>
      )}
    </section>
  );
}

function AssetHistory({ assetId, currentId }: { assetId: number; currentId: number }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<WorkOrder[]>([]);
  useEffect(() => {
    listWorkOrders(`assetId=${assetId}&sort=-updatedAt&pageSize=5`).then(
      (page) => setItems(page.items.filter((item) => item.id !== currentId)), () => setItems([]));
  }, [assetId, currentId]);
  return (
    <section aria-labelledby="asset-history-title">
      <h2 id="asset-history-title">{t('workOrder.assetHistory')}</h2>
      {items.length === 0 && <p className="hint">{t('workOrder.noAssetHistory')}</p>}
      <ul className="plain-list">
        {items.map((item) => (
          <li key={item.id}>
            <Link to={`/work-orders/${item.id}`}>{item.title}</Link> <StatusBadge status={item.status} />{' '}
            <span className="meta">{formatDate(item.updatedAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
