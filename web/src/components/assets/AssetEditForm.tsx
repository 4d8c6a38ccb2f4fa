// Dispatchers' form for an asset's own fields and the custom fields its type defines, saved as a
// PATCH with If-Match. The server keeps a field that is sent empty, so a value cannot be cleared here.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { updateAsset, type AssetPatch } from '../../api/client';
import type { Asset, AssetType, Tagged } from '../../api/types';
import { etagFor } from '../../lib/lifecycle';
import { ConflictNotice, FormError, SelectField, TextField, describeFailure, noFailure, type SubmitFailure } from '../forms';

const textFields = ['name', 'category', 'make', 'model', 'serialNumber', 'currency'] as const;
const dateFields = ['installDate', 'warrantyStart', 'warrantyEnd'] as const;
const fieldNames = [...textFields, ...dateFields, 'assetTypeId', 'criticality', 'purchaseCost', 'expectedLifeYears', 'customFields'];

type Values = Record<string, string>;

function valuesOf(asset: Asset): Values {
  const values: Values = {
    assetTypeId: asset.assetTypeId?.toString() ?? '',
    criticality: String(asset.criticality),
    purchaseCost: asset.purchaseCost?.toString() ?? '',
    expectedLifeYears: asset.expectedLifeYears?.toString() ?? '',
  };
  for (const name of [...textFields, ...dateFields]) values[name] = asset[name] ?? '';
  return values;
}

/** Builds the patch from the form: only fields that differ from the asset and are not empty. */
export function assetPatchFrom(asset: Asset, values: Values, customFields: Values): AssetPatch {
  const before = valuesOf(asset);
  const patch: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const trimmed = value.trim();
    if (trimmed === '' || trimmed === before[name]) continue;
    const numeric = ['assetTypeId', 'criticality', 'purchaseCost', 'expectedLifeYears'].includes(name);
    patch[name] = numeric ? Number(trimmed) : trimmed;
  }
  const custom = Object.fromEntries(Object.entries(customFields).map(([key, value]) => [key, value.trim()]).filter(([, value]) => value));
  const customBefore = asset.customFields ?? {};
  const customChanged = Object.keys(custom).length !== Object.keys(customBefore).length
    || Object.entries(custom).some(([key, value]) => customBefore[key] !== value);
  if (customChanged) patch.customFields = custom;
  return patch as AssetPatch;
}

export function AssetEditForm({ record, assetTypes, onSaved, onReload }: {
  record: Tagged<Asset>; assetTypes: AssetType[]; onSaved: (record: Tagged<Asset>) => void; onReload: () => void;
}) {
  const { t } = useTranslation();
  const asset = record.value;
  const [values, setValues] = useState<Values>(() => valuesOf(asset));
  const [customFields, setCustomFields] = useState<Values>(() => ({ ...(asset.customFields ?? {}) }));
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const type = assetTypes.find((candidate) => String(candidate.id) === values.assetTypeId);

  const set = (name: string) => (event: { target: { value: string } }) => setValues({ ...values, [name]: event.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(noFailure);
    setSaved(false);
    // Only the fields the chosen type defines are sent; the server rejects any other name.
    const defined = Object.fromEntries(Object.entries(customFields).filter(([name]) => type?.customFieldNames.includes(name)));
    const patch = assetPatchFrom(asset, values, defined);
    if (Object.keys(patch).length === 0) {
      setSaved(true);
      return;
    }
    setBusy(true);
    try {
      const changed = await updateAsset(asset.id, record.etag, patch);
      setSaved(true);
      onSaved({ value: changed.value, etag: changed.etag || etagFor(changed.value.id, changed.value.version) });
    } catch (error) {
      setFailure(describeFailure(error, fieldNames, t('common.offline')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="edit-work-order">
      <summary>{t('asset.edit')}</summary>
      <form onSubmit={submit} noValidate>
        {failure.conflict ? <ConflictNotice onReload={onReload} /> : <FormError message={failure.general} />}
        <div className="grid-fields">
          <TextField label={t('assets.name')} value={values.name} onChange={set('name')} errors={failure.fields.name} />
          <SelectField label={t('assets.assetType')} value={values.assetTypeId} onChange={set('assetTypeId')} errors={failure.fields.assetTypeId}>
            <option value="">{t('asset.noType')}</option>
            {assetTypes.map((option) => <option key={option.id} value={option.id}>{option.name}</option>)}
          </SelectField>
          <TextField label={t('assets.category')} value={values.category} onChange={set('category')} errors={failure.fields.category} />
          <SelectField label={t('asset.criticality')} value={values.criticality} onChange={set('criticality')} errors={failure.fields.criticality}>
            {[1, 2, 3, 4, 5].map((level) => <option key={level} value={level}>{t(`criticality.${level}`)}</option>)}
          </SelectField>
          <TextField label={t('asset.make')} value={values.make} onChange={set('make')} errors={failure.fields.make} />
          <TextField label={t('asset.model')} value={values.model} onChange={set('model')} errors={failure.fields.model} />
          <TextField label={t('assets.serialNumber')} value={values.serialNumber} onChange={set('serialNumber')} errors={failure.fields.serialNumber} />
          <TextField label={t('asset.installDate')} type="date" value={values.installDate} onChange={set('installDate')} errors={failure.fields.installDate} />
          <TextField label={t('asset.warrantyStart')} type="date" value={values.warrantyStart} onChange={set('warrantyStart')} errors={failure.fields.warrantyStart} />
          <TextField label={t('asset.warrantyEnd')} type="date" value={values.warrantyEnd} onChange={set('warrantyEnd')} errors={failure.fields.warrantyEnd} />
          <TextField label={t('asset.purchaseCost')} type="number" min="0" step="0.01" inputMode="decimal" value={values.purchaseCost}
            onChange={set('purchaseCost')} errors={failure.fields.purchaseCost} />
          <TextField label={t('asset.currency')} hint={t('asset.currencyHint')} maxLength={3} value={values.currency}
            onChange={(e) => setValues({ ...values, currency: e.target.value.toUpperCase() })} errors={failure.fields.currency} />
          <TextField label={t('asset.expectedLife')} type="number" min="1" max="200" step="1" inputMode="numeric" value={values.expectedLifeYears}
            onChange={set('expectedLifeYears')} errors={failure.fields.expectedLifeYears} />
        </div>
        {type && type.customFieldNames.length > 0 && (
          <fieldset>
            <legend>{t('asset.customFields', { type: type.name })}</legend>
            <div className="grid-fields">
              {type.customFieldNames.map((name) => (
                <TextField key={name} label={name} value={customFields[name] ?? ''}
                  onChange={(e) => setCustomFields({ ...customFields, [name]: e.target.value })} />
              ))}
            </div>
          </fieldset>
        )}
        {failure.fields.customFields && <p className="field-error" role="alert">{failure.fields.customFields.join(' ')}</p>}
        <button type="submit" className="primary" disabled={busy}>{t('common.save')}</button>
        {saved && <span role="status" className="saved-note">{t('workOrder.saved')}</span>}
      </form>
    </details>
  );
}
