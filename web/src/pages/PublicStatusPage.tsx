// The page a requester without an account follows their request on, by its secret status token.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, addPublicComment, getPublicRequest } from '../api/client';
import type { PublicRequestStatus } from '../api/types';
import { FormError, TextArea, describeFailure, noFailure, type SubmitFailure } from '../components/forms';
import { useDraft } from '../lib/drafts';
import { formatDateTime } from '../lib/format';

/** Returns the status key the requester sees: the work order's progress once there is one. */
export function requesterStatusKey(request: PublicRequestStatus): string {
  if (request.status === 'declined') return 'declined';
  if (request.workOrderStatus) return request.workOrderStatus;
  return request.status;
}

export function PublicStatusPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const [request, setRequest] = useState<PublicRequestStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const draft = useDraft(`public-comment:${token}`, { body: '' });
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    getPublicRequest(token).then(
      (value) => {
        setRequest(value);
        setLoadError(null);
      },
      (error: unknown) => setLoadError(
        error instanceof ApiError && error.status === 404 ? t('publicStatus.notFound') : t('common.offline')),
    );
  }, [token, t]);

  useEffect(load, [load]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = draft.values.body.trim();
    if (!body) {
      setFailure({ ...noFailure, fields: { body: [t('publicStatus.commentRequired')] } });
      return;
    }
    setBusy(true);
    setFailure(noFailure);
    try {
      await addPublicComment(token, body);
      await draft.clear();
      load();
    } catch (error) {
      setFailure(describeFailure(error, ['body'], t('publicRequest.offline')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="narrow-page">
      <h1>{t('publicStatus.title')}</h1>
      {loadError && <p className="form-error" role="alert">{loadError}</p>}
      {!request && !loadError && <p className="loading">{t('common.loading')}</p>}
      {request && (
        <>
          <dl className="facts">
            <dt>{t('publicStatus.status')}</dt>
            <dd>
              <span className={`badge status-${requesterStatusKey(request)}`} data-testid="request-status">
                {t(`requesterStatus.${requesterStatusKey(request)}`)}
              </span>
            </dd>
            {request.placeName && (
              <>
                <dt>{t('publicStatus.place')}</dt>
                <dd>{request.placeName}</dd>
              </>
            )}
            <dt>{t('publicStatus.sentAt')}</dt>
            <dd>{formatDateTime(request.createdAt)}</dd>
            {request.declineReason && (
              <>
                <dt>{t('publicStatus.declineReason')}</dt>
                <dd>{request.declineReason}</dd>
              </>
            )}
          </dl>
          <h2>{t('publicStatus.yourRequest')}</h2>
          <p className="request-text">{request.description ?? request.title}</p>
          <h2>{t('publicStatus.comments')}</h2>
          {request.comments.length === 0 && <p className="hint">{t('publicStatus.noComments')}</p>}
          <ol className="comments">
            {request.comments.map((comment, index) => (
              <li key={index} className={comment.fromRequester ? 'comment mine' : 'comment'}>
                <p className="comment-meta">
                  {comment.fromRequester ? t('publicStatus.you') : t('publicStatus.staff')} · {formatDateTime(comment.createdAt)}
                </p>
                <p>{comment.body}</p>
              </li>
            ))}
          </ol>
          <form onSubmit={submit} noValidate>
            <FormError message={failure.general} />
            <TextArea
              label={t('publicStatus.addComment')}
              name="body"
              rows={3}
              value={draft.values.body}
              disabled={!draft.loaded}
              onChange={(e) => draft.update({ body: e.target.value })}
              errors={failure.fields.body}
            />
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('common.sending') : t('publicStatus.send')}
            </button>
          </form>
        </>
      )}
    </main>
  );
}
