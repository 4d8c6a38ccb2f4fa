// The dispatcher's queue of new requests: approve into a work order, merge or decline, each in one step.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { approveRequest, declineRequest, listRequestAttachments, listRequests, mergeRequest, attachmentUrl } from '../api/client';
import type { Attachment, Priority, User, WorkRequest } from '../api/types';
import { priorities } from '../api/types';
import { useLive } from '../api/live';
import { FormError, SelectField, TextField, describeFailure, noFailure, type SubmitFailure } from '../components/forms';
import { endOfLocalDay, formatDateTime } from '../lib/format';
import { useUsers } from '../lib/useUsers';

export function TriagePage() {
  const { t } = useTranslation();
  const [requests, setRequests] = useState<WorkRequest[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const users = useUsers();

  const load = useCallback(() => {
    listRequests('status=new&pageSize=100').then(
      (page) => {
        setRequests(page.items);
        setLoadError(null);
      },
      () => setLoadError(t('common.loadFailed')),
    );
  }, [t]);

  useEffect(load, [load]);
  useLive({ requestChanged: load });

  return (
    <div className="page">
      <h1>{t('triage.title')}</h1>
      {loadError && <p className="form-error" role="alert">{loadError}</p>}
      {requests === null && !loadError && <p className="loading">{t('common.loading')}</p>}
      {requests?.length === 0 && <p className="empty">{t('triage.empty')}</p>}
      <ul className="cards">
        {requests?.map((request) => (
          <li key={request.id}>
            <TriageCard request={request} users={users} onDecided={load} />
          </li>
        ))}
      </ul>
    </div>
  );
}

type Decision = 'approve' | 'merge' | 'decline';

function TriageCard({ request, users, onDecided }: { request: WorkRequest; users: User[]; onDecided: () => void }) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<Decision>('approve');
  const [type, setType] = useState('corrective');
  const [priority, setPriority] = useState<Priority>('medium');
  const [assigneeId, setAssigneeId] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [workOrderId, setWorkOrderId] = useState('');
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [busy, setBusy] = useState(false);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const technicians = users.filter((user) => user.isActive && user.role !== 'requester');

  useEffect(() => {
    listRequestAttachments(request.id).then(setAttachments, () => setAttachments([]));
  }, [request.id]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(noFailure);
    try {
      if (decision === 'approve') {
        await approveRequest(request.id, {
          type: type.trim() || null,
          priority,
          assigneeUserIds: assigneeId ? [Number(assigneeId)] : null,
          dueAt: endOfLocalDay(dueDate),
        });
      } else if (decision === 'merge') {
        if (!/^\d+$/.test(workOrderId.trim())) {
          setFailure({ ...noFailure, fields: { workOrderId: [t('triage.workOrderIdInvalid')] } });
          return;
        }
        await mergeRequest(request.id, Number(workOrderId.trim()));
      } else {
        if (!reason.trim()) {
          setFailure({ ...noFailure, fields: { reason: [t('triage.reasonRequired')] } });
          return;
        }
        await declineRequest(request.id, reason.trim());
      }
      onDecided();
    } catch (error) {
      setFailure(describeFailure(error, ['type', 'priority', 'assigneeUserIds', 'dueAt', 'workOrderId', 'reason'], t('common.offline')));
    } finally {
      setBusy(false);
    }
  }

  const headingId = `request-${request.id}-title`;
  return (
    <article className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{request.title}</h2>
      <p className="meta">
        {t('triage.received', { when: formatDateTime(request.createdAt) })}
        {request.contactName && ` · ${request.contactName}`}
        {request.contactEmail && ` · ${request.contactEmail}`}
      </p>
      {request.description && request.description !== request.title && <p>{request.description}</p>}
      {attachments.length > 0 && (
        <ul className="thumbs">
          {attachments.map((file) => (
            <li key={file.id}>
              <a href={attachmentUrl(file.id)} target="_blank" rel="noreferrer">
                {file.contentType.startsWith('image/')
                  ? <img src={attachmentUrl(file.id)} alt={t('triage.photoAlt', { name: file.fileName })} />
                  : file.fileName}
              </a>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        <fieldset className="segmented">
          <legend>{t('triage.decision')}</legend>
          {(['approve', 'merge', 'decline'] as Decision[]).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name={`decision-${request.id}`}
                value={value}
                checked={decision === value}
                onChange={() => {
                  setDecision(value);
                  setFailure(noFailure);
                }}
              />
              {t(`triage.${value}`)}
            </label>
          ))}
        </fieldset>
        <FormError message={failure.general} />
        {decision === 'approve' && (
          <div className="grid-fields">
            <TextField label={t('triage.type')} value={type} onChange={(e) => setType(e.target.value)} errors={failure.fields.type} />
            <SelectField label={t('triage.priority')} value={priority} onChange={(e) => setPriority(e.target.value as Priority)} errors={failure.fields.priority}>
              {priorities.map((value) => <option key={value} value={value}>{t(`priority.${value}`)}</option>)}
            </SelectField>
            <SelectField label={t('triage.assignee')} value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)} errors={failure.fields.assigneeUserIds}>
              <option value="">{t('triage.nobody')}</option>
              {technicians.map((user) => <option key={user.id} value={user.id}>{user.displayName}</option>)}
            </SelectField>
            <TextField label={t('triage.dueDate')} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} errors={failure.fields.dueAt} />
          </div>
        )}
        {decision === 'merge' && (
          <TextField
            label={t('triage.workOrderId')}
            inputMode="numeric"
            value={workOrderId}
            onChange={(e) => setWorkOrderId(e.target.value)}
            errors={failure.fields.workOrderId}
          />
        )}
        {decision === 'decline' && (
          <TextField
            label={t('triage.reason')}
            hint={t('triage.reasonHint')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            errors={failure.fields.reason}
          />
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t(`triage.submit.${decision}`)}
          </button>
          {request.workOrderId && <Link to={`/work-orders/${request.workOrderId}`}>{t('triage.openWorkOrder')}</Link>}
        </div>
      </form>
    </article>
  );
}
