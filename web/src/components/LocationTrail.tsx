import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getLocation, locationTrail } from '../api/client';

/** Shows a location as its names from the root down, such as "North Campus › Library › Room 2". */
export function LocationTrail({ locationId }: { locationId: number }) {
  const { t } = useTranslation();
  const [names, setNames] = useState<string[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    setNames(null);
    getLocation(locationId)
      .then(locationTrail)
      .then((trail) => { if (!cancelled) setNames(trail); }, () => { if (!cancelled) setNames([`#${locationId}`]); });
    return () => {
      cancelled = true;
    };
  }, [locationId]);
  if (names === null) return <span className="loading" aria-busy="true">{t('common.loading')}</span>;
  return <>{names.join(' › ')}</>;
}
