// The form a requester without an account reaches from a location's or asset's QR label.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, getPlace, newIdempotencyKey, submitPublicRequest } from '../api/client';
import type { Place, PublicRequestCreated } from '../api/types';
import { FormError, TextArea, TextField, describeFailure, noFailure, type SubmitFailure } from '../components/forms';
import { useDraft } from '../lib/drafts';
import { isStaff, useOptionalSession } from '../session';

const fieldNames = ['description', 'photo', 'contactName', 'contactEmail', 'placeKey'] as const;

interface RequestDraft {
  description: string;
  contactName: string;
  contactEmail: string;
  photo: File | null;
  idempotencyKey: string;
}

export function PublicRequestPage() {
  const { key = '' } = useParams();
  const { t } = useTranslation();
  const [place, setPlace] = useState<Place | null | undefined>(undefined);
  const [placeUnknown, setPlaceUnknown] = useState(false);
  const [offline, setOffline] = useState(false);
  const draft = useDraft<RequestDraft>(`public-request:${key}`, {
    description: '', contactName: '', contactEmail: '', photo: null, idempotencyKey: '',
  });
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<PublicRequestCreated | null>(null);
  const session = useOptionalSession();

  useEffect(() => {
    getPlace(key).then(setPlace, (error: unknown) => {
      setPlace(null);
      // Without a connection the form still opens, so the report can be written now and sent later.
      if (error instanceof ApiError && error.status === 404) setPlaceUnknown(true);
      else setOffline(true);
    });
  }, [key]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const description = draft.values.description.trim();
    if (!description) {
      setFailure({ ...noFailure, fields: { description: [t('publicRequest.descriptionRequired')] } });
      return;
    }
    // One key per draft, so a retry after a dropped connection cannot create a second request.
    const idempotencyKey = draft.values.idempotencyKey || newIdempotencyKey();
    draft.update({ idempotencyKey });
    setBusy(true);
    setFailure(noFailure);
    try {
      const result = await submitPublicRequest({
        placeKey: key,
        description,
        contactName: draft.values.contactName.trim(),
        contactEmail: draft.values.contactEmail.trim(),
        photo: draft.values.photo,
      }, idempotencyKey);
      await draft.clear();
      setCreated(result);
    } catch (error) {
      setFailure(describeFailure(error, fieldNames, t('publicRequest.offline')));
    } finally {
      setBusy(false);
    }
  }

  // Staff who scan an asset's label want the asset, not the requester's form. Requesters and
  // people who are not signed in (me is null, also when the server cannot be reached) get the form.
  if (place?.assetId && session) {
    if (session.me === undefined) return <main id="main" className="narrow-page"><p className="loading">{t('common.loading')}</p></main>;
    if (isStaff(session.me)) return <Navigate to={`/assets/${place.assetId}`} replace />;
  }

  if (created) {
    const statusPath = created.statusUrl || `/status/${created.statusToken}`;
    return (
      <main id="main" className="narrow-page">
        <h1>{t('publicRequest.sentTitle')}</h1>
        <p>{t('publicRequest.sentBody')}</p>
        <p>
          <Link to={statusPath} className="button primary">{t('publicRequest.statusLink')}</Link>
        </p>
        <p className="hint">{t('publicRequest.keepLink')}</p>
        <p className="status-url"><code>{new URL(statusPath, window.location.origin).toString()}</code></p>
      </main>
    );
  }

  return (
    <main id="main" className="narrow-page">
      <h1>{t('publicRequest.title')}</h1>
      {place === undefined && <p className="loading">{t('common.loading')}</p>}
      {placeUnknown && <p className="form-error" role="alert">{t('publicRequest.unknownPlace')}</p>}
      {offline && <p className="conflict" role="status">{t('publicRequest.placeOffline')}</p>}
      {place && (
        <section className="place" aria-label={t('publicRequest.placeLabel')}>
          <p className="place-path">{place.locationPath.join(' › ')}</p>
          {place.assetName && (
            <p className="place-asset">
              {t('publicRequest.asset', { name: place.assetName, tag: place.assetTag ?? '' })}
            </p>
          )}
        </section>
      )}
      {(place || offline) && (
        <form onSubmit={submit} noValidate aria-busy={busy}>
          <FormError message={failure.general} />
          <TextArea
            label={t('publicRequest.description')}
            name="description"
            required
            disabled={!draft.loaded}
            value={draft.values.description}
            onChange={(e) => draft.update({ description: e.target.value })}
            errors={failure.fields.description}
          />
          <div className="field">
            <label htmlFor="photo">{t('publicRequest.photo')}</label>
            <input
              id="photo"
              name="photo"
              type="file"
              accept="image/*"
              capture="environment"
              aria-describedby={failure.fields.photo ? 'photo-error' : undefined}
              onChange={(e) => draft.update({ photo: e.target.files?.[0] ?? null })}
            />
            {draft.values.photo && <p className="hint">{t('publicRequest.photoChosen', { name: draft.values.photo.name })}</p>}
            {failure.fields.photo && <p id="photo-error" className="field-error">{failure.fields.photo.join(' ')}</p>}
          </div>
          <TextField
            label={t('publicRequest.contactName')}
            name="contactName"
            autoComplete="name"
            value={draft.values.contactName}
            onChange={(e) => draft.update({ contactName: e.target.value })}
            errors={failure.fields.contactName}
          />
          <TextField
            label={t('publicRequest.contactEmail')}
            name="contactEmail"
            type="email"
            autoComplete="email"
            hint={t('publicRequest.contactEmailHint')}
            value={draft.values.contactEmail}
            onChange={(e) => draft.update({ contactEmail: e.target.value })}
            errors={failure.fields.contactEmail}
          />
          <button type="submit" className="primary" disabled={busy || !draft.loaded}>
            {busy ? t('common.sending') : t('publicRequest.submit')}
          </button>
        </form>
      )}
    </main>
  );
}
