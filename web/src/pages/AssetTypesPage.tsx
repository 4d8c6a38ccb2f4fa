// Asset types: the make and model that assets share, with the custom fields every asset of the
// type fills in, its spare parts and its default maintenance procedure.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { createAssetType, getAssetType, listAssetTypes, updateAssetType, type AssetTypeInput } from '../api/client';
import type { AssetType, AssetTypePart, Tagged } from '../api/types';
import { ConflictNotice, FormError, TextArea, TextField, describeFailure, noFailure, type SubmitFailure } from '../components/forms';
import { etagFor } from '../lib/lifecycle';
import { useSession } from '../session';

const fieldNames = ['name', 'category', 'manufacturer', 'model', 'defaultProcedure', 'customFieldNames', 'parts'];

interface PartRow {
  partNumber: string;
  name: string;
  quantity: string;
}

const emptyInput = { name: '', category: '', manufacturer: '', model: '', defaultProcedure: '', customFieldNames: '' };

/** Turns the form's text into the API body: one custom field name a line, parts with a number and a name. */
export function assetTypeInputFrom(values: typeof emptyInput, parts: PartRow[]): AssetTypeInput {
  return {
    name: values.name.trim(),
    category: values.category.trim(),
    manufacturer: values.manufacturer.trim(),
    model: values.model.trim(),
    defaultProcedure: values.defaultProcedure.trim(),
    customFieldNames: values.customFieldNames.split('\n').map((line) => line.trim()).filter(Boolean),
    parts: parts
      .filter((part) => part.partNumber.trim() || part.name.trim())
      .map((part): AssetTypePart => ({ partNumber: part.partNumber.trim(), name: part.name.trim(), quantity: Number(part.quantity || '1') })),
  };
}

export function AssetTypesPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const [types, setTypes] = useState<AssetType[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const canChange = me?.role === 'dispatcher' || me?.role === 'administrator';
  const editId = params.get('edit') ? Number(params.get('edit')) : null;

  const load = useCallback(() => {
    listAssetTypes().then((found) => { setTypes(found); setLoadError(null); }, () => setLoadError(t('common.loadFailed')));
  }, [t]);
  useEffect(load, [load]);

  return (
    <div className="page wide">
      <p className="breadcrumb"><Link to="/assets">{t('nav.assets')}</Link></p>
      <h1>{t('assetTypes.title')}</h1>
      <FormError message={loadError} />
      {canChange && editId === null && <AssetTypeForm key="new" record={null} onSaved={load} onReload={load} />}
      {canChange && editId !== null && <EditAssetType id={editId} onDone={() => { setParams({}); load(); }} />}
      {types?.length === 0 && <p className="empty">{t('assetTypes.empty')}</p>}
      <ul className="cards type-cards">
        {types?.map((type) => (
          <li key={type.id} className="card">
            <h2>{type.name}</h2>
            <p className="meta">{[type.category, type.manufacturer, type.model].filter(Boolean).join(' · ')}</p>
            {type.customFieldNames.length > 0 && <p>{t('assetTypes.fieldsList', { names: type.customFieldNames.join(', ') })}</p>}
            {type.parts.length > 0 && <p>{t('assetTypes.partsCount', { count: type.parts.length })}</p>}
            <p className="actions">
              <Link to={`/assets?assetTypeId=${type.id}`}>{t('assetTypes.showAssets')}</Link>
              {canChange && <Link to={`/assets/types?edit=${type.id}`}>{t('assetTypes.edit', { name: type.name })}</Link>}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

function EditAssetType({ id, onDone }: { id: number; onDone: () => void }) {
  const { t } = useTranslation();
  const [record, setRecord] = useState<Tagged<AssetType> | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const load = useCallback(() => {
    getAssetType(id).then(
      (found) => setRecord({ value: found.value, etag: found.etag || etagFor(found.value.id, found.value.version) }),
      () => setLoadError(t('assetTypes.notFound')),
    );
  }, [id, t]);
  useEffect(load, [load]);
  if (loadError) return <FormError message={loadError} />;
  if (!record) return <p className="loading">{t('common.loading')}</p>;
  return <AssetTypeForm key={record.etag} record={record} onSaved={onDone} onReload={load} onCancel={onDone} />;
}

function AssetTypeForm({ record, onSaved, onReload, onCancel }: {
  record: Tagged<AssetType> | null; onSaved: () => void; onReload: () => void; onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const type = record?.value;
  const [values, setValues] = useState(() => type ? {
    name: type.name, category: type.category ?? '', manufacturer: type.manufacturer ?? '', model: type.model ?? '',
    defaultProcedure: type.defaultProcedure ?? '', customFieldNames: type.customFieldNames.join('\n'),
  } : emptyInput);
  const [parts, setParts] = useState<PartRow[]>(() => type?.parts.map((part) => ({ ...part, quantity: String(part.quantity) })) ?? []);
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof emptyInput) => (event: { target: { value: string } }) => setValues({ ...values, [name]: event.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = assetTypeInputFrom(values, parts);
    if (!input.name) {
      setFailure({ ...noFailure, fields: { name: [t('assetTypes.nameRequired')] } });
      return;
    }
    setBusy(true);
    setFailure(noFailure);
    try {
      if (record) await updateAssetType(record.value.id, record.etag, input);
      else await createAssetType(input);
      if (!record) {
        setValues(emptyInput);
        setParts([]);
      }
      onSaved();
    } catch (error) {
      setFailure(describeFailure(error, fieldNames, t('common.offline')));
    } finally {
      setBusy(false);
    }
  }

  function setPart(index: number, field: keyof PartRow, value: string) {
    setParts(parts.map((part, i) => (i === index ? { ...part, [field]: value } : part)));
  }

  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="asset-type-form-title">
      <h2 id="asset-type-form-title">{type ? t('assetTypes.edit', { name: type.name }) : t('assetTypes.add')}</h2>
      {failure.conflict ? <ConflictNotice onReload={onReload} /> : <FormError message={failure.general} />}
      <div className="grid-fields">
        <TextField label={t('assetTypes.name')} value={values.name} onChange={set('name')} errors={failure.fields.name} required />
        <TextField label={t('assets.category')} value={values.category} onChange={set('category')} errors={failure.fields.category} />
        <TextField label={t('assetTypes.manufacturer')} value={values.manufacturer} onChange={set('manufacturer')} errors={failure.fields.manufacturer} />
        <TextField label={t('asset.model')} value={values.model} onChange={set('model')} errors={failure.fields.model} />
      </div>
      <TextArea label={t('assetTypes.customFieldNames')} hint={t('assetTypes.customFieldNamesHint')} rows={3}
        value={values.customFieldNames} onChange={set('customFieldNames')} errors={failure.fields.customFieldNames} />
      <TextArea label={t('asset.procedure')} rows={3} value={values.defaultProcedure} onChange={set('defaultProcedure')}
        errors={failure.fields.defaultProcedure} />
      <fieldset>
        <legend>{t('asset.spareParts')}</legend>
        {failure.fields.parts && <p className="field-error" role="alert">{failure.fields.parts.join(' ')}</p>}
        {parts.map((part, index) => (
          <div key={index} className="part-row">
            <TextField label={t('assetTypes.partNumber', { number: index + 1 })} value={part.partNumber}
              onChange={(e) => setPart(index, 'partNumber', e.target.value)} />
            <TextField label={t('assetTypes.partName', { number: index + 1 })} value={part.name}
              onChange={(e) => setPart(index, 'name', e.target.value)} />
            <TextField label={t('assetTypes.quantity', { number: index + 1 })} type="number" min="0" step="any" inputMode="decimal"
              value={part.quantity} onChange={(e) => setPart(index, 'quantity', e.target.value)} />
            <button type="button" onClick={() => setParts(parts.filter((_, i) => i !== index))}>
              {t('assetTypes.removePart', { number: index + 1 })}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setParts([...parts, { partNumber: '', name: '', quantity: '1' }])}>{t('assetTypes.addPart')}</button>
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{type ? t('common.save') : t('assetTypes.create')}</button>
        {onCancel && <button type="button" onClick={onCancel}>{t('common.cancel')}</button>}
      </div>
    </form>
  );
}
