// Status buttons for an asset: in service, down, standby, retired. Each button opens an optional
// reason field before the change is sent, because going down starts a downtime period.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { changeAssetStatus } from '../../api/client';
import type { Asset, AssetStatus } from '../../api/types';
import { assetStatuses } from '../../api/types';
import { FormError, TextField, describeFailure, noFailure, type SubmitFailure } from '../forms';

/** Returns the statuses an asset may move to: the server keeps a retired asset retired. */
export function nextAssetStatuses(current: AssetStatus): AssetStatus[] {
  if (current === 'retired') return [];
  return assetStatuses.filter((status) => status !== current);
}

export function AssetStatusChange({ asset, onChanged }: { asset: Asset; onChanged: (asset: Asset) => void }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<AssetStatus | null>(null);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [busy, setBusy] = useState(false);
  const choices = nextAssetStatuses(asset.status);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!target) return;
    setBusy(true);
    setFailure(noFailure);
    try {
      const changed = await changeAssetStatus(asset.id, target, reason.trim() || null);
      setTarget(null);
      setReason('');
      onChanged(changed);
    } catch (error) {
      setFailure(describeFailure(error, ['status', 'reason'], t('common.offline')));
    } finally {
      setBusy(false);
    }
  }

  if (choices.length === 0) return null;
  return (
    <section className="status-actions" aria-labelledby="asset-status-title">
      <h2 id="asset-status-title" className="visually-hidden">{t('asset.changeStatus')}</h2>
      {target === null ? (
        <div className="big-buttons">
          {choices.map((status) => (
            <button key={status} type="button" className={`big asset-action-${status}`} onClick={() => { setTarget(status); setFailure(noFailure); }}>
              {t(`assetAction.${status}`)}
            </button>
          ))}
        </div>
      ) : (
        <form onSubmit={submit} noValidate className="reason-picker">
          <h3>{t('asset.statusTitle', { status: t(`assetStatus.${target}`) })}</h3>
          <FormError message={failure.general} />
          {failure.fields.status && <p className="field-error" role="alert">{failure.fields.status.join(' ')}</p>}
          <TextField label={t('asset.statusReason')} hint={target === 'down' ? t('asset.downHint') : undefined}
            value={reason} onChange={(e) => setReason(e.target.value)} errors={failure.fields.reason} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>{t(`assetAction.${target}`)}</button>
            <button type="button" onClick={() => { setTarget(null); setFailure(noFailure); }}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
