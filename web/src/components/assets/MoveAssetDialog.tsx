// Moves an asset, with everything inside it, to another location, into another asset, or out to
// the top level. The parent is typed as its tag, the way it is printed on the label.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { listAssets, moveAsset, toQuery, type AssetMove } from '../../api/client';
import type { Asset } from '../../api/types';
import { FormError, TextField, describeFailure, noFailure, type SubmitFailure } from '../forms';
import { LocationPicker } from '../LocationPicker';

const fieldNames = ['locationId', 'parentId', 'toTopLevel'] as const;

/** Finds the asset whose tag is exactly tag, ignoring case; null when there is none. */
async function findByTag(tag: string): Promise<Asset | null> {
  const page = await listAssets(toQuery({ q: tag, pageSize: 50 }));
  return page.items.find((asset) => asset.tag.toLowerCase() === tag.toLowerCase()) ?? null;
}

export function MoveAssetDialog({ asset, onMoved, onClose }: {
  asset: Asset; onMoved: (asset: Asset) => void; onClose: () => void;
}) {
  const { t } = useTranslation();
  const [locationId, setLocationId] = useState<number | null>(null);
  const [parentTag, setParentTag] = useState('');
  const [toTopLevel, setToTopLevel] = useState(false);
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const tag = parentTag.trim();
    if (locationId === null && !tag && !toTopLevel) {
      setFailure({ ...noFailure, fields: { locationId: [t('move.nothingChosen')] } });
      return;
    }
    setBusy(true);
    setFailure(noFailure);
    try {
      const move: AssetMove = {};
      if (locationId !== null) move.locationId = locationId;
      if (toTopLevel) move.toTopLevel = true;
      else if (tag) {
        const parent = await findByTag(tag);
        if (!parent) {
          setFailure({ ...noFailure, fields: { parentId: [t('move.unknownTag', { tag })] } });
          return;
        }
        move.parentId = parent.id;
      }
      onMoved(await moveAsset(asset.id, move));
    } catch (error) {
      setFailure(describeFailure(error, fieldNames, t('common.offline')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card move-dialog" role="dialog" aria-labelledby="move-title">
      <h2 id="move-title">{t('move.title', { tag: asset.tag })}</h2>
      <p className="hint">{t('move.hint')}</p>
      <form onSubmit={submit} noValidate>
        <FormError message={failure.general} />
        <LocationPicker label={t('move.location')} value={locationId} onChange={setLocationId}
          emptyLabel={t('move.keepLocation')} errors={failure.fields.locationId} />
        <TextField label={t('move.parentTag')} hint={t('move.parentHint')} value={parentTag} disabled={toTopLevel}
          onChange={(e) => setParentTag(e.target.value)} errors={failure.fields.parentId} autoComplete="off" />
        <div className="checks field">
          <label>
            <input type="checkbox" checked={toTopLevel} onChange={(e) => setToTopLevel(e.target.checked)} />
            {t('move.toTopLevel')}
          </label>
          {failure.fields.toTopLevel && <p className="field-error">{failure.fields.toTopLevel.join(' ')}</p>}
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>{t('move.submit')}</button>
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </section>
  );
}
