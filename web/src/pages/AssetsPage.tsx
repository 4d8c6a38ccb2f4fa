// The asset register as a tree: top-level assets open one level at a time, filters turn it into a
// flat list of matches, and the chosen assets can get QR labels or one change for all of them.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { labelSelectionUrl, labelSheetUrl, listAssetTypes, listAssets, toQuery } from '../api/client';
import type { Asset, AssetSelection, AssetStatus, AssetType } from '../api/types';
import { assetStatuses } from '../api/types';
import { FormError, SelectField, TextField } from '../components/forms';
import { LocationPicker } from '../components/LocationPicker';
import { AssetStatusBadge, CriticalityBadge } from '../components/assets/AssetBadges';
import { BulkAssetChange } from '../components/assets/BulkAssetChange';
import { useSession } from '../session';

// NOTE: the list endpoint has no top-level filter, so the tree reads up to this many assets and
// keeps those without a parent among them. A register with more assets needs a location filter.
const treePageSize = 200;
const filterNames = ['q', 'status', 'assetTypeId', 'minCriticality'] as const;
// On phones the filters start folded so that the tree is on the first screen.
const filtersOpenAtStart = typeof window.matchMedia === 'function' && window.matchMedia('(min-width: 900px)').matches;

/** Returns the assets whose parent is not in the list: the roots of the tree shown. */
export function treeRoots(assets: Asset[]): Asset[] {
  const ids = new Set(assets.map((asset) => asset.id));
  return assets.filter((asset) => asset.parentId === null || !ids.has(asset.parentId));
}

export function AssetsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  // The list read for one query; a list read for an older query is not shown as a result of the new one.
  const [loaded, setLoaded] = useState<{ query: string; assets: Asset[]; totalCount: number } | null>(null);
  const [assetTypes, setAssetTypes] = useState<AssetType[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Map<number, Asset>>(new Map());
  const [reloadKey, setReloadKey] = useState(0);
  const canChange = me?.role === 'dispatcher' || me?.role === 'administrator';

  const locationId = params.get('locationId') ? Number(params.get('locationId')) : null;
  const filtered = filterNames.some((name) => params.get(name));
  const query = toQuery({
    locationId, q: params.get('q'), status: params.get('status'), assetTypeId: params.get('assetTypeId'),
    minCriticality: params.get('minCriticality'), pageSize: treePageSize,
  });

  useEffect(() => {
    listAssetTypes().then(setAssetTypes, () => setAssetTypes([]));
  }, []);

  useEffect(() => {
    let cancelled = false;
    listAssets(query).then(
      (page) => {
        if (cancelled) return;
        setLoaded({ query, assets: filtered ? page.items : treeRoots(page.items), totalCount: page.totalCount });
        setLoadError(null);
      },
      () => { if (!cancelled) setLoadError(t('common.loadFailed')); },
    );
    return () => {
      cancelled = true;
    };
  }, [query, filtered, reloadKey, t]);

  const assets = loaded?.query === query ? loaded.assets : null;
  const totalCount = loaded?.totalCount ?? 0;

  function setParam(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  }

  function submitSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setParam('q', new FormData(event.currentTarget).get('q')?.toString().trim() ?? '');
  }

  function toggle(asset: Asset) {
    const next = new Map(selected);
    if (next.has(asset.id)) next.delete(asset.id);
    else next.set(asset.id, asset);
    setSelected(next);
  }

  // The bulk change works on the ticked assets, or on everything the filters match.
  const selection: AssetSelection = selected.size > 0
    ? { ids: [...selected.keys()] }
    : {
      locationId, q: params.get('q') || null, assetTypeId: params.get('assetTypeId') ? Number(params.get('assetTypeId')) : null,
      status: (params.get('status') || null) as AssetStatus | null,
    };
  const selectionLabel = selected.size > 0
    ? t('assetBulk.forSelected', { count: selected.size })
    : t('assetBulk.forFilters');
  const chosen = useMemo(() => [...selected.values()], [selected]);

  return (
    <div className="page wide">
      <h1>{t('assets.title')}</h1>
      <p className="actions">
        <Link to="/assets/warranties">{t('warranties.title')}</Link>
        <Link to="/assets/types">{t('assetTypes.title')}</Link>
      </p>
      <form role="search" onSubmit={submitSearch} className="inline-form">
        <TextField label={t('assets.search')} name="q" type="search" defaultValue={params.get('q') ?? ''} key={params.get('q') ?? ''} />
        <button type="submit">{t('assets.searchButton')}</button>
      </form>
      <details className="filters" open={filtersOpenAtStart || locationId !== null || undefined}>
        <summary>{t('assets.filters')}</summary>
        <div className="filter-grid">
          <SelectField label={t('assets.status')} value={params.get('status') ?? ''} onChange={(e) => setParam('status', e.target.value)}>
            <option value="">{t('workOrders.any')}</option>
            {assetStatuses.map((status) => <option key={status} value={status}>{t(`assetStatus.${status}`)}</option>)}
          </SelectField>
          <SelectField label={t('assets.assetType')} value={params.get('assetTypeId') ?? ''} onChange={(e) => setParam('assetTypeId', e.target.value)}>
            <option value="">{t('workOrders.any')}</option>
            {assetTypes.map((type) => <option key={type.id} value={type.id}>{type.name}</option>)}
          </SelectField>
          <SelectField label={t('assets.minCriticality')} value={params.get('minCriticality') ?? ''} onChange={(e) => setParam('minCriticality', e.target.value)}>
            <option value="">{t('workOrders.any')}</option>
            {[2, 3, 4, 5].map((level) => <option key={level} value={level}>{t(`criticality.${level}`)}</option>)}
          </SelectField>
        </div>
        <LocationPicker label={t('assets.location')} value={locationId} emptyLabel={t('assets.anyLocation')}
          onChange={(id) => setParam('locationId', id === null ? '' : String(id))} />
      </details>

      <div className="toolbar">
        <p>{t('assets.selected', { count: selected.size })}</p>
        {selected.size > 0 && (
          <>
            <a className="button" href={labelSelectionUrl([], chosen.map((asset) => asset.id))} target="_blank" rel="noreferrer">
              {t('assets.printSelected')}
            </a>
            <button type="button" className="link-button" onClick={() => setSelected(new Map())}>{t('assets.clearSelection')}</button>
          </>
        )}
        {locationId !== null && (
          <a className="button" href={labelSheetUrl(locationId)} target="_blank" rel="noreferrer">{t('assets.printLocation')}</a>
        )}
      </div>

      <FormError message={loadError} />
      {assets === null && !loadError && <p className="loading">{t('common.loading')}</p>}
      {assets?.length === 0 && <p className="empty">{t('assets.empty')}</p>}
      {assets && assets.length > 0 && (
        <>
          {!filtered && totalCount > treePageSize && <p className="hint">{t('assets.treeTruncated', { count: treePageSize })}</p>}
          <ul className="tree asset-tree" aria-label={filtered ? t('assets.results') : t('assets.tree')}>
            {assets.map((asset) => (
              <AssetNode key={`${asset.id}-${reloadKey}-${filtered}`} asset={asset} expandable={!filtered} selected={selected} onToggle={toggle} />
            ))}
          </ul>
        </>
      )}

      {canChange && (
        <BulkAssetChange selection={selection} selectionLabel={selectionLabel} assetTypes={assetTypes}
          onApplied={() => setReloadKey((key) => key + 1)} />
      )}
    </div>
  );
}

function AssetNode({ asset, expandable, selected, onToggle }: {
  asset: Asset; expandable: boolean; selected: Map<number, Asset>; onToggle: (asset: Asset) => void;
}) {
  const { t } = useTranslation();
  const [children, setChildren] = useState<Asset[] | null>(null);
  const [open, setOpen] = useState(false);

  function toggleOpen() {
    if (!open && children === null) {
      listAssets(toQuery({ parentId: asset.id, pageSize: treePageSize })).then((page) => setChildren(page.items), () => setChildren([]));
    }
    setOpen(!open);
  }

  return (
    <li>
      <div className="tree-row asset-row">
        {expandable && (
          <button type="button" className="tree-toggle" onClick={toggleOpen} aria-expanded={open}
            aria-label={open ? t('assets.collapse', { name: asset.name }) : t('assets.expand', { name: asset.name })}>
            {open ? '▾' : '▸'}
          </button>
        )}
        <input type="checkbox" checked={selected.has(asset.id)} onChange={() => onToggle(asset)}
          aria-label={t('assets.select', { name: `${asset.tag} ${asset.name}` })} />
        <Link to={`/assets/${asset.id}`} className="asset-link">{asset.name}</Link>
        <span className="meta">{asset.tag}</span>
        <AssetStatusBadge status={asset.status} />
        <CriticalityBadge level={asset.criticality} />
      </div>
      {open && children && children.length > 0 && (
        <ul>
          {children.map((child) => (
            <AssetNode key={child.id} asset={child} expandable={expandable} selected={selected} onToggle={onToggle} />
          ))}
        </ul>
      )}
      {open && children?.length === 0 && <p className="hint tree-empty">{t('assets.noChildren')}</p>}
    </li>
  );
}
