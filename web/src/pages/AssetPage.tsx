// One asset from purchase to disposal. The page shows status and downtime, location and parent
// asset, cost and depreciation, the type's custom fields, documents and manuals, the assets
// inside, the work orders and the dated timeline.
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  ApiError, assetTimelineCsvUrl, getAsset, getAssetTimeline, labelSelectionUrl, listAssetDowntime, listAssetTypes,
  listAssets, listWorkOrders, toQuery,
} from '../api/client';
import type { Asset, AssetTimelineEntry, AssetType, Downtime, Tagged, WorkOrder } from '../api/types';
import { AssetDocuments } from '../components/assets/AssetDocuments';
import { AssetMeters } from '../components/assets/AssetMeters';
import { AssetEditForm } from '../components/assets/AssetEditForm';
import { AssetStatusBadge, CriticalityBadge } from '../components/assets/AssetBadges';
import { AssetStatusChange } from '../components/assets/AssetStatusChange';
import { MoveAssetDialog } from '../components/assets/MoveAssetDialog';
import { LocationTrail } from '../components/LocationTrail';
import { PriorityBadge, StatusBadge } from '../components/StatusBadge';
import { formatCalendarDate, formatDate, formatDateTime, formatMoney } from '../lib/format';
import { etagFor } from '../lib/lifecycle';
import { userName, useUsers } from '../lib/useUsers';
import { useSession } from '../session';

export function AssetPage() {
  const { id: idText = '' } = useParams();
  const id = Number(idText);
  const { t } = useTranslation();
  const { me } = useSession();
  const [record, setRecord] = useState<Tagged<Asset> | null>(null);
  const [assetTypes, setAssetTypes] = useState<AssetType[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  // Bumped after every change, so that the timeline, downtime and children read again.
  const [changeCount, setChangeCount] = useState(0);
  const canChange = me?.role === 'dispatcher' || me?.role === 'administrator';
  const isStaff = canChange || me?.role === 'technician';

  const load = useCallback(() => {
    getAsset(id).then(
      (found) => {
        setRecord({ value: found.value, etag: found.etag || etagFor(found.value.id, found.value.version) });
        setLoadError(null);
      },
      (error: unknown) => setLoadError(error instanceof ApiError && error.status === 404 ? t('assets.notFound') : t('common.offline')),
    );
  }, [id, t]);

  useEffect(load, [load]);
  useEffect(() => {
    listAssetTypes().then(setAssetTypes, () => setAssetTypes([]));
  }, []);

  function changed(asset: Asset) {
    setRecord({ value: asset, etag: etagFor(asset.id, asset.version) });
    setChangeCount((count) => count + 1);
  }

  if (loadError) return <div className="page"><p className="form-error" role="alert">{loadError}</p></div>;
  if (!record) return <div className="page"><p className="loading">{t('common.loading')}</p></div>;
  const asset = record.value;
  const type = assetTypes.find((candidate) => candidate.id === asset.assetTypeId) ?? null;

  return (
    <div className="page asset-page">
      <p className="breadcrumb"><Link to="/assets">{t('nav.assets')}</Link></p>
      <h1>{asset.name} <span className="id">{asset.tag}</span></h1>
      <p className="badges">
        <AssetStatusBadge status={asset.status} /> <CriticalityBadge level={asset.criticality} />
      </p>
      {isStaff && <AssetStatusChange key={asset.status} asset={asset} onChanged={changed} />}
      <div className="actions">
        {canChange && !moving && <button type="button" onClick={() => setMoving(true)}>{t('move.open')}</button>}
        <a className="button" href={labelSelectionUrl([], [asset.id])} target="_blank" rel="noreferrer">{t('asset.printLabel')}</a>
      </div>
      {moving && (
        <MoveAssetDialog asset={asset} onClose={() => setMoving(false)}
          onMoved={(moved) => { setMoving(false); changed(moved); }} />
      )}
      <AssetFacts asset={asset} type={type} />
      {canChange && (
        <AssetEditForm key={record.etag} record={record} assetTypes={assetTypes} onReload={load}
          onSaved={(saved) => { setRecord(saved); setChangeCount((count) => count + 1); }} />
      )}
      <Children asset={asset} refreshKey={changeCount} />
      <AssetDocuments assetId={asset.id} canUpload={isStaff} />
      {isStaff && <AssetMeters assetId={asset.id} />}
      <DowntimeList assetId={asset.id} refreshKey={changeCount} />
      <WorkHistory assetId={asset.id} />
      <AssetTimeline asset={asset} refreshKey={changeCount} />
    </div>
  );
}

function AssetFacts({ asset, type }: { asset: Asset; type: AssetType | null }) {
  const { t } = useTranslation();
  const [parent, setParent] = useState<Asset | null>(null);
  useEffect(() => {
    if (asset.parentId) getAsset(asset.parentId).then((found) => setParent(found.value), () => setParent(null));
    else setParent(null);
  }, [asset.parentId]);
  const depreciation = asset.depreciation;
  const makeAndModel = [asset.make, asset.model].filter(Boolean).join(' ');

  return (
    <section aria-labelledby="asset-facts-title">
      <h2 id="asset-facts-title" className="visually-hidden">{t('workOrder.details')}</h2>
      <dl className="facts">
        <dt>{t('field.location')}</dt>
        <dd data-testid="asset-location">{asset.locationId ? <LocationTrail locationId={asset.locationId} /> : t('asset.noLocation')}</dd>
        <dt>{t('asset.parent')}</dt>
        <dd>{parent ? <Link to={`/assets/${parent.id}`}>{parent.name} ({parent.tag})</Link> : t('asset.topLevel')}</dd>
        {type && (<><dt>{t('assets.assetType')}</dt><dd><Link to={`/assets/types?edit=${type.id}`}>{type.name}</Link></dd></>)}
        {asset.category && (<><dt>{t('assets.category')}</dt><dd>{asset.category}</dd></>)}
        {makeAndModel && (<><dt>{t('assets.make')}</dt><dd>{makeAndModel}</dd></>)}
        {asset.serialNumber && (<><dt>{t('assets.serialNumber')}</dt><dd>{asset.serialNumber}</dd></>)}
        {asset.installDate && (<><dt>{t('asset.installDate')}</dt><dd>{formatCalendarDate(asset.installDate)}</dd></>)}
        {(asset.warrantyStart || asset.warrantyEnd) && (
          <><dt>{t('asset.warranty')}</dt><dd>{t('asset.warrantyRange', { from: formatCalendarDate(asset.warrantyStart) || '…', to: formatCalendarDate(asset.warrantyEnd) || '…' })}</dd></>
        )}
        {asset.purchaseCost !== null && (<><dt>{t('asset.purchaseCost')}</dt><dd>{formatMoney(asset.purchaseCost, asset.currency)}</dd></>)}
        {asset.expectedLifeYears !== null && (<><dt>{t('asset.expectedLife')}</dt><dd>{t('asset.years', { count: asset.expectedLifeYears })}</dd></>)}
        {depreciation && (
          <>
            <dt>{t('asset.bookValue')}</dt><dd>{formatMoney(depreciation.bookValue, asset.currency)}</dd>
            <dt>{t('asset.depreciationPerYear')}</dt><dd>{formatMoney(depreciation.depreciationPerYear, asset.currency)}</dd>
            <dt>{t('asset.remainingLife')}</dt><dd>{t('asset.years', { count: depreciation.remainingLifeYears })}</dd>
          </>
        )}
        {type?.customFieldNames.map((name) => (
          <div key={name} className="facts-row"><dt>{name}</dt><dd>{asset.customFields?.[name] || '–'}</dd></div>
        ))}
        {asset.requestUrl && (<><dt>{t('locations.requestLink')}</dt><dd><a href={asset.requestUrl}>{asset.requestUrl}</a></dd></>)}
      </dl>
      {type && type.parts.length > 0 && (
        <>
          <h3>{t('asset.spareParts')}</h3>
          <ul className="plain-list">
            {type.parts.map((part) => (
              <li key={part.partNumber}>{part.name} <span className="meta">{part.partNumber} × {part.quantity}</span></li>
            ))}
          </ul>
        </>
      )}
      {type?.defaultProcedure && (<><h3>{t('asset.procedure')}</h3><p className="description">{type.defaultProcedure}</p></>)}
    </section>
  );
}

function Children({ asset, refreshKey }: { asset: Asset; refreshKey: number }) {
  const { t } = useTranslation();
  const [children, setChildren] = useState<Asset[] | null>(null);
  const [insideCount, setInsideCount] = useState(0);
  useEffect(() => {
    listAssets(toQuery({ parentId: asset.id, pageSize: 200 })).then((page) => setChildren(page.items), () => setChildren([]));
    listAssets(toQuery({ subtreeOf: asset.id, pageSize: 1 })).then((page) => setInsideCount(page.totalCount), () => setInsideCount(0));
  }, [asset.id, refreshKey]);

  return (
    <section aria-labelledby="children-title">
      <h2 id="children-title">{t('asset.children')}</h2>
      {children?.length === 0 && <p className="hint">{t('asset.noChildren')}</p>}
      <ul className="plain-list">
        {children?.map((child) => (
          <li key={child.id}>
            <Link to={`/assets/${child.id}`}>{child.name}</Link> <span className="meta">{child.tag}</span>{' '}
            <AssetStatusBadge status={child.status} />
          </li>
        ))}
      </ul>
      {children && insideCount > children.length && <p className="hint">{t('asset.insideCount', { count: insideCount })}</p>}
    </section>
  );
}

function DowntimeList({ assetId, refreshKey }: { assetId: number; refreshKey: number }) {
  const { t } = useTranslation();
  const [periods, setPeriods] = useState<Downtime[]>([]);
  useEffect(() => {
    listAssetDowntime(assetId).then(setPeriods, () => setPeriods([]));
  }, [assetId, refreshKey]);
  return (
    <section aria-labelledby="downtime-title">
      <h2 id="downtime-title">{t('asset.downtime')}</h2>
      {periods.length === 0 && <p className="hint">{t('asset.noDowntime')}</p>}
      <ul className="plain-list">
        {periods.map((period) => (
          <li key={period.id}>
            {period.endedAt
              ? t('asset.downtimeClosed', { from: formatDateTime(period.startedAt), to: formatDateTime(period.endedAt) })
              : t('asset.downtimeOpen', { from: formatDateTime(period.startedAt) })}{' '}
            <span className="meta">{t('asset.hours', { count: period.hours ?? 0 })}</span>
            {period.reason && <> · {period.reason}</>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function WorkHistory({ assetId }: { assetId: number }) {
  const { t } = useTranslation();
  const [history, setHistory] = useState<WorkOrder[]>([]);
  useEffect(() => {
    listWorkOrders(toQuery({ assetId, sort: '-updatedAt', pageSize: 100 })).then((page) => setHistory(page.items), () => setHistory([]));
  }, [assetId]);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('assets.history')}</h2>
      {history.length === 0 && <p className="hint">{t('assets.noHistory')}</p>}
      <ul className="plain-list">
        {history.map((item) => (
          <li key={item.id}>
            <Link to={`/work-orders/${item.id}`}>{item.title}</Link> <StatusBadge status={item.status} />{' '}
            <PriorityBadge priority={item.priority} /> <span className="meta">{formatDate(item.updatedAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AssetTimeline({ asset, refreshKey }: { asset: Asset; refreshKey: number }) {
  const { t } = useTranslation();
  const users = useUsers();
  const [entries, setEntries] = useState<AssetTimelineEntry[] | null>(null);
  useEffect(() => {
    getAssetTimeline(asset.id).then(setEntries, () => setEntries([]));
  }, [asset.id, refreshKey]);

  return (
    <section aria-labelledby="asset-timeline-title">
      <h2 id="asset-timeline-title">{t('asset.timeline')}</h2>
      <p><a href={assetTimelineCsvUrl(asset.id)} download>{t('asset.exportTimeline')}</a></p>
      {entries === null && <p className="loading">{t('common.loading')}</p>}
      {entries?.length === 0 && <p className="hint">{t('timeline.empty')}</p>}
      <ol className="timeline" data-testid="asset-timeline">
        {entries?.map((entry, index) => (
          <li key={`${entry.at}-${index}`}>
            <p className="meta">
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> ·{' '}
              {entry.actorId ? userName(users, entry.actorId) : t('timeline.system')} ·{' '}
              {t(`assetTimeline.${entry.kind}`, { defaultValue: entry.kind })}
            </p>
            <p>
              {entry.workOrderId ? <Link to={`/work-orders/${entry.workOrderId}`}>{entry.description}</Link> : entry.description}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
