// The location tree for managers. Children load when a branch opens, and the chosen location
// shows its request link, printable QR labels, assets and recent work.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { labelSheetUrl, listAssets, listLocations, listWorkOrders, toQuery } from '../api/client';
import type { Asset, Location, WorkOrder } from '../api/types';
import { StatusBadge } from '../components/StatusBadge';
import { formatDate } from '../lib/format';

export function LocationsPage() {
  const { t } = useTranslation();
  const [roots, setRoots] = useState<Location[] | null>(null);
  const [chosen, setChosen] = useState<Location | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    listLocations(null).then((page) => setRoots(page.items), () => setLoadError(t('common.loadFailed')));
  }, [t]);

  return (
    <div className="page wide split">
      <h1>{t('locations.title')}</h1>
      {loadError && <p className="form-error" role="alert">{loadError}</p>}
      <div className="split-panes">
        <nav aria-label={t('locations.tree')} className="tree-pane">
          {roots?.length === 0 && <p className="empty">{t('locations.empty')}</p>}
          {roots && (
            <ul className="tree">
              {roots.map((location) => (
                <TreeNode key={location.id} location={location} chosenId={chosen?.id ?? null} onChoose={setChosen} />
              ))}
            </ul>
          )}
        </nav>
        <div className="detail-pane">
          {chosen ? <LocationDetail location={chosen} /> : <p className="hint">{t('locations.choose')}</p>}
        </div>
      </div>
    </div>
  );
}

function TreeNode({ location, chosenId, onChoose }: {
  location: Location; chosenId: number | null; onChoose: (location: Location) => void;
}) {
  const { t } = useTranslation();
  const [children, setChildren] = useState<Location[] | null>(null);
  const [open, setOpen] = useState(false);

  function toggle() {
    if (!open && children === null) {
      listLocations(location.id).then((page) => setChildren(page.items), () => setChildren([]));
    }
    setOpen(!open);
  }

  return (
    <li>
      <div className="tree-row">
        <button type="button" className="tree-toggle" onClick={toggle} aria-expanded={open}
          aria-label={open ? t('locations.collapse', { name: location.name }) : t('locations.expand', { name: location.name })}>
          {open ? '▾' : '▸'}
        </button>
        <button type="button" className={chosenId === location.id ? 'tree-label chosen' : 'tree-label'}
          aria-current={chosenId === location.id ? 'true' : undefined} onClick={() => onChoose(location)}>
          {location.name}
        </button>
      </div>
      {open && children && children.length > 0 && (
        <ul>
          {children.map((child) => (
            <TreeNode key={child.id} location={child} chosenId={chosenId} onChoose={onChoose} />
          ))}
        </ul>
      )}
      {open && children?.length === 0 && <p className="hint tree-empty">{t('locations.noChildren')}</p>}
    </li>
  );
}

function LocationDetail({ location }: { location: Location }) {
  const { t } = useTranslation();
  const [assets, setAssets] = useState<Asset[]>([]);
  const [work, setWork] = useState<WorkOrder[]>([]);

  useEffect(() => {
    listAssets(toQuery({ locationId: location.id, pageSize: 100 })).then((page) => setAssets(page.items), () => setAssets([]));
    listWorkOrders(toQuery({ locationId: location.id, sort: '-updatedAt', pageSize: 10 })).then((page) => setWork(page.items), () => setWork([]));
  }, [location.id]);

  return (
    <section aria-labelledby="location-title">
      <h2 id="location-title">{location.name}</h2>
      <dl className="facts">
        {location.code && (<><dt>{t('locations.code')}</dt><dd>{location.code}</dd></>)}
        {location.address && (<><dt>{t('locations.address')}</dt><dd>{location.address}</dd></>)}
        {location.requestUrl && (
          <>
            <dt>{t('locations.requestLink')}</dt>
            <dd><a href={location.requestUrl}>{new URL(location.requestUrl, window.location.origin).toString()}</a></dd>
          </>
        )}
      </dl>
      <p><a className="button" href={labelSheetUrl(location.id)} target="_blank" rel="noreferrer">{t('locations.labels')}</a></p>
      <h3>{t('locations.assets')}</h3>
      {assets.length === 0 && <p className="hint">{t('locations.noAssets')}</p>}
      <ul className="plain-list">
        {assets.map((asset) => (
          <li key={asset.id}><Link to={`/assets/${asset.id}`}>{asset.name}</Link> <span className="meta">{asset.tag}</span></li>
        ))}
      </ul>
      <h3>{t('locations.recentWork')}</h3>
      {work.length === 0 && <p className="hint">{t('locations.noWork')}</p>}
      <ul className="plain-list">
        {work.map((item) => (
          <li key={item.id}>
            <Link to={`/work-orders/${item.id}`}>{item.title}</Link> <StatusBadge status={item.status} />{' '}
            <span className="meta">{formatDate(item.updatedAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
