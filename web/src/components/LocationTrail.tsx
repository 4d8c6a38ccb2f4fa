import { useEffect, useState } from 'react';
import { getLocation, locationTrail } from '../api/client';

/** Shows a location as its names from the root down, such as "North Campus › Library › Room 2". */
export function LocationTrail({ locationId }: { locationId: number }) {
  const [names, setNames] = useState<string[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    getLocation(locationId)
      .then(locationTrail)
      .then((trail) => { if (!cancelled) setNames(trail); }, () => { if (!cancelled) setNames([`#${locationId}`]); });
    return () => {
      cancelled = true;
    };
  }, [locationId]);
  return <>{names?.join(' › ') ?? ''}</>;
}
