// An asset's documents together with the manuals of its type, and the upload of a new one.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentUrl, listAssetAttachments, uploadAssetAttachment } from '../../api/client';
import type { Attachment } from '../../api/types';
import { formatDate } from '../../lib/format';
import { FormError, describeFailure, noFailure, type SubmitFailure } from '../forms';

export function AssetDocuments({ assetId, canUpload }: { assetId: number; canUpload: boolean }) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<Attachment[] | null>(null);
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    listAssetAttachments(assetId).then(setFiles, () => setFiles([]));
  }, [assetId]);
  useEffect(load, [load]);

  async function upload(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setFailure(noFailure);
    try {
      await uploadAssetAttachment(assetId, file);
      load();
    } catch (error) {
      setFailure(describeFailure(error, ['file'], t('common.offline')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">{t('asset.documents')}</h2>
      {/* NOTE: the list does not say which files belong to the asset and which to its type. */}
      <p className="hint">{t('asset.documentsHint')}</p>
      {files?.length === 0 && <p className="hint">{t('asset.noDocuments')}</p>}
      <ul className="plain-list">
        {files?.map((file) => (
          <li key={file.id}>
            <a href={attachmentUrl(file.id)} target="_blank" rel="noreferrer">{file.fileName}</a>{' '}
            <span className="meta">{formatDate(file.createdAt)}</span>
          </li>
        ))}
      </ul>
      {canUpload && (
        <div className="file-buttons">
          <label className="button">
            {t('asset.addDocument')}
            <input type="file" className="visually-hidden" disabled={busy} data-testid="asset-document"
              accept="image/*,application/pdf,text/plain,text/csv"
              onChange={(e) => { void upload(e.target.files?.[0]); e.target.value = ''; }} />
          </label>
        </div>
      )}
      {busy && <p aria-live="polite">{t('workOrder.uploading')}</p>}
      {failure.fields.file && <p className="field-error" role="alert">{failure.fields.file.join(' ')}</p>}
      <FormError message={failure.general} />
    </section>
  );
}
