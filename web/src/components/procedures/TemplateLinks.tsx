// The links that decide which new work orders get a procedure template. A link matches when every
// criterion it sets matches, and a template may have any number of links.
import { useTranslation } from 'react-i18next';
import type { Asset, AssetType, ProcedureLink, WorkOrderTypeSummary } from '../../api/types';
import { SelectField } from '../forms';

export function TemplateLinks({ links, types, assetTypes, assets, onChange }: {
  links: ProcedureLink[]; types: WorkOrderTypeSummary[]; assetTypes: AssetType[]; assets: Asset[]; onChange: (links: ProcedureLink[]) => void;
}) {
  const { t } = useTranslation();
  const setLink = (index: number, change: Partial<ProcedureLink>) => onChange(links.map((l, i) => (i === index ? { ...l, ...change } : l)));

  return (
    <fieldset className="section-editor">
      <legend>{t('procedures.links')}</legend>
      <p className="hint">{t('procedures.linksHint')}</p>
      {links.length === 0 && <p className="empty">{t('procedures.noLinks')}</p>}
      {links.map((link, index) => (
        <div key={index} className="card editor-row" data-testid={`template-link-${index + 1}`}>
          <div className="grid-fields">
            <SelectField label={t('procedures.forType')} value={link.workOrderType ?? ''}
              onChange={(e) => setLink(index, { workOrderType: e.target.value || null })}>
              <option value="">{t('procedures.anyType')}</option>
              {types.map((type) => <option key={type.key} value={type.key}>{type.name}</option>)}
            </SelectField>
            <SelectField label={t('procedures.forAssetType')} value={link.assetTypeId?.toString() ?? ''}
              onChange={(e) => setLink(index, { assetTypeId: e.target.value ? Number(e.target.value) : null })}>
              <option value="">{t('procedures.anyAssetType')}</option>
              {assetTypes.map((type) => <option key={type.id} value={type.id}>{type.name}</option>)}
            </SelectField>
            <SelectField label={t('procedures.forAsset')} value={link.assetId?.toString() ?? ''}
              onChange={(e) => setLink(index, { assetId: e.target.value ? Number(e.target.value) : null })}>
              <option value="">{t('procedures.anyAsset')}</option>
              {link.assetId && !assets.some((asset) => asset.id === link.assetId) && (
                <option value={link.assetId}>{t('procedures.assetById', { id: link.assetId })}</option>
              )}
              {assets.map((asset) => <option key={asset.id} value={asset.id}>{`${asset.tag} · ${asset.name}`}</option>)}
            </SelectField>
          </div>
          <button type="button" onClick={() => onChange(links.filter((_, i) => i !== index))}>
            {t('procedures.removeLink', { number: index + 1 })}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...links, {}])}>{t('procedures.addLink')}</button>
    </fieldset>
  );
}
