// One change for many assets: the server first returns every field that would change, the
// dispatcher reads that preview, and only then applies it in one transaction.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { bulkChangeAssets } from '../../api/client';
import type { AssetChanges, AssetSelection, AssetType, BulkAssetResult } from '../../api/types';
import { FormError, SelectField, TextField, describeFailure, noFailure, type SubmitFailure } from '../forms';
import { LocationPicker } from '../LocationPicker';

// Problems about the selection or the whole change have no field here, so they show above the form.
const fieldNames = ['assetTypeId', 'category', 'criticality', 'locationId'] as const;

export function BulkAssetChange({ selection, selectionLabel, assetTypes, onApplied }: {
  selection: AssetSelection; selectionLabel: string; assetTypes: AssetType[]; onApplied: () => void;
}) {
  const { t } = useTranslation();
  const [assetTypeId, setAssetTypeId] = useState('');
  const [category, setCategory] = useState('');
  const [criticality, setCriticality] = useState('');
  const [locationId, setLocationId] = useState<number | null>(null);
  const [preview, setPreview] = useState<BulkAssetResult | null>(null);
  const [applied, setApplied] = useState<BulkAssetResult | null>(null);
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [busy, setBusy] = useState(false);

  function changes(): AssetChanges {
    const set: AssetChanges = {};
    if (assetTypeId) set.assetTypeId = Number(assetTypeId);
    if (category.trim()) set.category = category.trim();
    if (criticality) set.criticality = Number(criticality);
    if (locationId !== null) set.locationId = locationId;
    return set;
  }

  async function send(apply: boolean) {
    const set = changes();
    if (Object.keys(set).length === 0) {
      setFailure({ ...noFailure, general: t('assetBulk.nothingChosen') });
      return;
    }
    setBusy(true);
    setFailure(noFailure);
    try {
      const result = await bulkChangeAssets(selection, set, !apply);
      if (apply) {
        setApplied(result);
        setPreview(null);
        onApplied();
      } else {
        setApplied(null);
        setPreview(result);
      }
    } catch (error) {
      setFailure(describeFailure(error, fieldNames, t('common.offline')));
    } finally {
      setBusy(false);
    }
  }

  // Any edit after a preview makes it stale, so the preview is dropped.
  function edited<T>(setter: (value: T) => void) {
    return (value: T) => {
      setter(value);
      setPreview(null);
    };
  }

  const typeName = (id: string | null) => assetTypes.find((type) => String(type.id) === id)?.name ?? id ?? '';
  function showValue(field: string, value: string | null): string {
    if (value === null || value === '') return t('assetBulk.empty');
    return field === 'assetTypeId' ? typeName(value) : value;
  }

  return (
    <form className="card bulk-assets" aria-labelledby="bulk-assets-title" noValidate
      onSubmit={(event: FormEvent) => { event.preventDefault(); void send(false); }}>
      <h2 id="bulk-assets-title">{t('assetBulk.title')}</h2>
      <p className="hint">{selectionLabel}</p>
      <FormError message={failure.general} />
      <div className="grid-fields">
        <SelectField label={t('assetBulk.assetType')} value={assetTypeId} errors={failure.fields.assetTypeId}
          onChange={(e) => edited(setAssetTypeId)(e.target.value)}>
          <option value="">{t('assetBulk.keep')}</option>
          {assetTypes.map((type) => <option key={type.id} value={type.id}>{type.name}</option>)}
        </SelectField>
        <TextField label={t('assetBulk.category')} value={category} errors={failure.fields.category}
          onChange={(e) => edited(setCategory)(e.target.value)} />
        <SelectField label={t('assetBulk.criticality')} value={criticality} errors={failure.fields.criticality}
          onChange={(e) => edited(setCriticality)(e.target.value)}>
          <option value="">{t('assetBulk.keep')}</option>
          {[1, 2, 3, 4, 5].map((level) => <option key={level} value={level}>{t(`criticality.${level}`)}</option>)}
        </SelectField>
      </div>
      <LocationPicker label={t('assetBulk.location')} value={locationId} onChange={edited(setLocationId)}
        emptyLabel={t('assetBulk.keep')} errors={failure.fields.locationId} />
      <button type="submit" disabled={busy}>{t('assetBulk.preview')}</button>

      {preview && (
        <div className="bulk-preview" aria-live="polite">
          <h3>{t('assetBulk.previewTitle', { count: preview.changes.length, assets: preview.assetCount })}</h3>
          {preview.changes.length === 0 ? <p className="hint">{t('assetBulk.noChanges')}</p> : (
            <div className="table-wrap">
              <table className="list compact">
                <caption className="visually-hidden">{t('assetBulk.previewCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('assets.tag')}</th>
                    <th scope="col">{t('assetBulk.field')}</th>
                    <th scope="col">{t('assetBulk.from')}</th>
                    <th scope="col">{t('assetBulk.to')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.changes.map((change) => (
                    <tr key={`${change.id}-${change.field}`}>
                      <td>{change.tag}</td>
                      <td>{t(`assetField.${change.field}`, { defaultValue: change.field })}</td>
                      <td>{showValue(change.field, change.from)}</td>
                      <td>{showValue(change.field, change.to)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {preview.changes.length > 0 && (
            <button type="button" className="primary" disabled={busy} onClick={() => void send(true)}>
              {t('assetBulk.apply', { count: preview.changes.length })}
            </button>
          )}
        </div>
      )}
      {applied && <p role="status" className="saved-note">{t('assetBulk.applied', { count: applied.changes.length, assets: applied.assetCount })}</p>}
    </form>
  );
}
