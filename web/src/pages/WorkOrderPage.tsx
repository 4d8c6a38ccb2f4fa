// One work order, phone first: status buttons, the procedure to work through, comments, photos
// and files, the asset's recent work and the timeline from the request to now.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  ApiError, addWorkOrderComment, attachmentUrl, changeStatus, getAsset, getWorkOrder, getWorkOrderType,
  listNextStatuses, listWorkOrderAttachments, listWorkOrderComments, listWorkOrders, newIdempotencyKey, updateWorkOrder,
  uploadWorkOrderAttachment,
} from '../api/client';
import type { Asset, Attachment, Comment, FieldDefinition, NextStatus, Priority, Tagged, WorkOrder, WorkOrderStatus } from '../api/types';
import { CustomFieldInput } from '../components/workflow/CustomFieldInputs';
import { ProcedurePanel } from '../components/procedures/ProcedurePanel';
import { ApprovalPanel } from '../components/workflow/ApprovalPanel';
import { priorities } from '../api/types';
import { useLive } from '../api/live';
import { ConflictNotice, FormError, SelectField, TextArea, TextField, describeFailure, noFailure, type SubmitFailure } from '../components/forms';
import { PriorityBadge, StatusBadge } from '../components/StatusBadge';
import { SlaBadge } from '../components/SlaBadge';
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
  // The newest version another session announced; the notice shows while the page holds an older one.
  const [announcedVersion, setAnnouncedVersion] = useState(0);
  const { me } = useSession();
  const canEdit = me?.role === 'dispatcher' || me?.role === 'administrator';
  // Dispatchers reach a work order from the list of all work orders, technicians from their own.
  const backLink = canEdit ? { to: '/work-orders', label: t('nav.workOrders') } : { to: '/my-work', label: t('nav.myWork') };

  const load = useCallback(() => {
    getWorkOrder(id).then(
      (value) => {
        setRecord({ value: value.value, etag: value.etag || etagFor(value.value.id, value.value.version) });
        setLoadError(null);
      },
      (error: unknown) => setLoadError(
        error instanceof ApiError && error.status === 404 ? t('workOrder.notFound') : t('common.offline')),
    );
  }, [id, t]);

  useEffect(load, [load]);
  useLive({
    // The page's own changes are announced too, sometimes before their response arrives, so an
    // announcement counts only while it is newer than the version the page holds.
    workOrderChanged: (event) => {
      if (event.id === id) setAnnouncedVersion((known) => Math.max(known, event.version));
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
        {' '}<SlaBadge sla={workOrder.sla} />
      </p>
      {workOrder.sla && (
        <p className="meta">
          {workOrder.sla.responseDueAt && t('sla.responseDue', { date: formatDateTime(workOrder.sla.responseDueAt) })}
          {workOrder.sla.responseDueAt && workOrder.sla.resolutionDueAt && ' · '}
          {workOrder.sla.resolutionDueAt && t('sla.resolutionDue', { date: formatDateTime(workOrder.sla.resolutionDueAt) })}
        </p>
      )}
      {announcedVersion > workOrder.version && <ConflictNotice onReload={load} />}
      <StatusActions record={record} onChanged={setRecord} onReload={load} />
      <Details workOrder={workOrder} />
      <ApprovalPanel workOrderId={workOrder.id} refreshKey={workOrder.version} />
      <ProcedurePanel workOrderId={workOrder.id} onRecorded={load}
        readOnly={['completed', 'closed', 'cancelled'].includes(workOrder.status) || me?.role === 'requester'} />
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

/** A move offered as a button: a category, and the workflow status when the type names its own. */
interface MoveTarget {
  status: WorkOrderStatus;
  statusKey?: string;
  label: string;
  requiresReason: boolean;
  requiredFields: string[];
}

const quickOrder: WorkOrderStatus[] = ['in_progress', 'on_hold', 'completed', 'closed', 'reopened'];

/**
 * Returns the buttons for the moves the server offers. Statuses named after their category keep
 * the one-tap labels (Start, Pause, Complete); a type's own statuses show their names.
 */
export function movesFrom(next: NextStatus[], t: (key: string) => string): MoveTarget[] {
  const standard = quickOrder
    .map((category) => next.find((n) => n.statusKey === category && n.category === category))
    .filter((n): n is NextStatus => n !== undefined);
  const own = next.filter((n) => n.statusKey !== n.category);
  return [...standard, ...own].map((n) => ({
    status: n.category,
    statusKey: n.statusKey === n.category ? undefined : n.statusKey,
    label: n.statusKey === n.category ? t(`action.${n.category}`) : n.name,
    requiresReason: n.requiresReason,
    requiredFields: n.requiredFields,
  }));
}

function StatusActions({ record, onChanged, onReload }: {
  record: Tagged<WorkOrder>; onChanged: (value: Tagged<WorkOrder>) => void; onReload: () => void;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [askingReasonFor, setAskingReasonFor] = useState<MoveTarget | null>(null);
  const [askingFieldsFor, setAskingFieldsFor] = useState<{ target: MoveTarget; keys: string[] } | null>(null);
  const [fieldValues, setFieldValues] = useState<Record<string, unknown>>({});
  const [nextStatuses, setNextStatuses] = useState<NextStatus[]>([]);
  const [typeFields, setTypeFields] = useState<FieldDefinition[]>([]);
  const [otherReason, setOtherReason] = useState('');
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [busy, setBusy] = useState(false);
  const workOrderType = record.value.type;
  const workOrderId = record.value.id;
  const workOrderVersion = record.value.version;
  useEffect(() => {
    listNextStatuses(workOrderId).then((next) => setNextStatuses(Array.isArray(next) ? next : []), () => setNextStatuses([]));
  }, [workOrderId, workOrderVersion]);
  useEffect(() => {
    getWorkOrderType(workOrderType).then((found) => setTypeFields(found.value.workflow?.fields ?? []), () => setTypeFields([]));
  }, [workOrderType]);

  // Without the server's list (offline, or an older server) the fixed lifecycle decides the buttons.
  const actions: MoveTarget[] = nextStatuses.length > 0
    ? movesFrom(nextStatuses, t)
    : (me ? quickActions(record.value.status, me.role) : []).map((status) => ({
      status, label: t(`action.${status}`), requiresReason: statusesNeedingReason.includes(status), requiredFields: [],
    }));

  async function move(target: MoveTarget, reason: string | null, customFields?: Record<string, unknown>) {
    setBusy(true);
    setFailure(noFailure);
    try {
      const changed = await changeStatus(record.value.id, record.etag, target.status, reason, customFields, target.statusKey);
      onChanged({ value: changed.value, etag: changed.etag || etagFor(changed.value.id, changed.value.version) });
      setAskingReasonFor(null);
      setAskingFieldsFor(null);
      setOtherReason('');
    } catch (error) {
      setFailure(describeFailure(error, ['reason'], t('common.offline')));
    } finally {
      setBusy(false);
    }
  }

  function tap(target: MoveTarget) {
    // The type's workflow may ask for field values, such as failure codes, before this move.
    const missing = target.requiredFields.filter((key) => record.value.customFields?.[key] == null);
    if (missing.length > 0) {
      setFieldValues({});
      setAskingFieldsFor({ target, keys: missing });
    } else if (target.requiresReason) setAskingReasonFor(target);
    else void move(target, null);
  }

  function submitFields(event: FormEvent) {
    event.preventDefault();
    void move(askingFieldsFor!.target, null, fieldValues);
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
      {askingFieldsFor !== null ? (
        <form className="field-picker" onSubmit={submitFields} noValidate>
          <h2>{t('workOrder.fieldsTitle', { action: askingFieldsFor.target.label })}</h2>
          {askingFieldsFor.keys.map((key) => {
            const field = typeFields.find((f) => f.key === key) ?? { key, label: key, kind: 'text' as const };
            return <CustomFieldInput key={key} field={field} value={fieldValues[key]}
              onChange={(value) => setFieldValues((current) => ({ ...current, [key]: value }))} />;
          })}
          <button type="submit" className="primary big" disabled={busy}>{askingFieldsFor.target.label}</button>
          <button type="button" onClick={() => { setAskingFieldsFor(null); setFailure(noFailure); }}>{t('common.cancel')}</button>
        </form>
      ) : askingReasonFor === null ? (
        <div className="big-buttons">
          {actions.map((target) => (
            <button key={target.statusKey ?? target.status} type="button" className={`big action-${target.status}`} disabled={busy}
              onClick={() => tap(target)}>
              {target.label}
            </button>
          ))}
        </div>
      ) : (
        <div className="reason-picker">
          <h2>{t('workOrder.whyTitle', { action: askingReasonFor.label })}</h2>
          {askingReasonFor.status === 'on_hold' && !askingReasonFor.statusKey && (
            <div className="big-buttons">
              {(['parts', 'access', 'requester'] as const).map((preset) => (
                <button key={preset} type="button" className="big" disabled={busy}
                  onClick={() => void move(askingReasonFor, t(`workOrder.pauseReason.${preset}`))}>
                  {t(`workOrder.pauseReason.${preset}`)}
                </button>
              ))}
            </div>
          )}
          <form onSubmit={submitOther} noValidate className="inline-form">
            <TextField label={t('workOrder.otherReason')} value={otherReason} onChange={(e) => setOtherReason(e.target.value)}
              errors={failure.fields.reason} />
            <button type="submit" className="primary" disabled={busy}>{askingReasonFor.label}</button>
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
