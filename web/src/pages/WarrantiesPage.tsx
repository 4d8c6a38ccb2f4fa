// Assets whose warranty ends soon, so that a claim can still be made or the cover renewed.
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { listExpiringWarranties } from '../api/client';
import type { Asset } from '../api/types';
import { FormError, SelectField } from '../components/forms';
import { LocationTrail } from '../components/LocationTrail';
import { formatCalendarDate } from '../lib/format';

const dayChoices = [30, 60, 90, 180, 365];

export function WarrantiesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const withinDays = Number(params.get('withinDays') ?? 30);
  const [assets, setAssets] = useState<Asset[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    setAssets(null);
    listExpiringWarranties(withinDays).then(
      (found) => { setAssets(found); setLoadError(null); },
      () => setLoadError(t('common.loadFailed')),
    );
  }, [withinDays, t]);

  return (
    <div className="page wide">
      <p className="breadcrumb"><Link to="/assets">{t('nav.assets')}</Link></p>
      <h1>{t('warranties.title')}</h1>
      <div className="inline-form">
        <SelectField label={t('warranties.within')} value={String(withinDays)}
          onChange={(e) => setParams({ withinDays: e.target.value })}>
          {dayChoices.map((days) => <option key={days} value={days}>{t('warranties.days', { count: days })}</option>)}
        </SelectField>
      </div>
      <FormError message={loadError} />
      {assets === null && !loadError && <p className="loading">{t('common.loading')}</p>}
      {assets?.length === 0 && <p className="empty">{t('warranties.empty', { count: withinDays })}</p>}
      {assets && assets.length > 0 && (
        <div className="table-wrap">
          <table className="list">
            <thead>
              <tr>
                <th scope="col">{t('warranties.ends')}</th>
                <th scope="col">{t('assets.tag')}</th>
                <th scope="col">{t('assets.name')}</th>
                <th scope="col">{t('field.location')}</th>
              </tr>
            </thead>
            <tbody>
              {assets.map((asset) => (
                <tr key={asset.id}>
                  <td>{formatCalendarDate(asset.warrantyEnd)}</td>
                  <td>{asset.tag}</td>
                  <td><Link to={`/assets/${asset.id}`}>{asset.name}</Link></td>
                  <td>{asset.locationId ? <LocationTrail locationId={asset.locationId} /> : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
