// Asset list with search, and one asset with its whole work order history.
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { getAsset, listAssets, listWorkOrders, toQuery } from '../api/client';
import type { Asset, ListPage, WorkOrder } from '../api/types';
import { TextField } from '../components/forms';
import { LocationTrail } from '../components/LocationTrail';
import { PriorityBadge, StatusBadge } from '../components/StatusBadge';
import { formatDate } from '../lib/format';

export function AssetsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState<ListPage<Asset> | null>(null);
  const q = params.get('q') ?? '';

  useEffect(() => {
    listAssets(toQuery({ q, pageSize: 100 })).then(setPage, () => setPage({ items: [], page: 1, pageSize: 100, totalCount: 0 }));
  }, [q]);

  return (
    <div className="page wide">
      <h1>{t('assets.title')}</h1>
      <form role="search" onSubmit={(e) => {
        e.preventDefault();
        const value = new FormData(e.currentTarget).get('q')?.toString().trim() ?? '';
        setParams(value ? { q: value } : {});
      }} className="inline-form">
        <TextField label={t('assets.search')} name="q" type="search" defaultValue={q} />
        <button type="submit">{t('assets.searchButton')}</button>
      </form>
      {page?.items.length === 0 && <p className="empty">{t('assets.empty')}</p>}
      {page && page.items.length > 0 && (
        <div className="table-wrap">
          <table className="list">
            <thead>
              <tr>
                <th scope="col">{t('assets.tag')}</th>
                <th scope="col">{t('assets.name')}</th>
                <th scope="col">{t('assets.category')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((asset) => (
                <tr key={asset.id}>
                  <td>{asset.tag}</td>
                  <td><Link to={`/assets/${asset.id}`}>{asset.name}</Link></td>
                  <td>{asset.category}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function AssetPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [asset, setAsset] = useState<Asset | null>(null);
  const [history, setHistory] = useState<WorkOrder[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    getAsset(Number(id)).then(setAsset, () => setLoadError(t('assets.notFound')));
    listWorkOrders(toQuery({ assetId: id, sort: '-updatedAt', pageSize: 100 })).then((page) => setHistory(page.items), () => setHistory([]));
  }, [id, t]);

  if (loadError) return <div className="page"><p className="form-error" role="alert">{loadError}</p></div>;
  if (!asset) return <div className="page"><p className="loading">{t('common.loading')}</p></div>;
  return (
    <div className="page">
      <p className="breadcrumb"><Link to="/assets">{t('nav.assets')}</Link></p>
      <h1>{asset.name} <span className="id">{asset.tag}</span></h1>
      <dl className="facts">
        {asset.locationId && (<><dt>{t('field.location')}</dt><dd><LocationTrail locationId={asset.locationId} /></dd></>)}
        {asset.category && (<><dt>{t('assets.category')}</dt><dd>{asset.category}</dd></>)}
        {asset.make && (<><dt>{t('assets.make')}</dt><dd>{asset.make} {asset.model}</dd></>)}
        {asset.serialNumber && (<><dt>{t('assets.serialNumber')}</dt><dd>{asset.serialNumber}</dd></>)}
        {asset.requestUrl && (<><dt>{t('locations.requestLink')}</dt><dd><a href={asset.requestUrl}>{asset.requestUrl}</a></dd></>)}
      </dl>
      <h2>{t('assets.history')}</h2>
      {history.length === 0 && <p className="hint">{t('assets.noHistory')}</p>}
      <ul className="plain-list">
        {history.map((item) => (
          <li key={item.id}>
            <Link to={`/work-orders/${item.id}`}>{item.title}</Link> <StatusBadge status={item.status} />{' '}
            <PriorityBadge priority={item.priority} /> <span className="meta">{formatDate(item.updatedAt)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
