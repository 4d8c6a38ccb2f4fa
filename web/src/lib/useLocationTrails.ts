import { useEffect, useRef, useState } from 'react';
import { getLocation, locationTrail } from '../api/client';

/**
 * Returns the names from the root down for each location id, as far as they have loaded. Each id
 * is read from the API once while the calling component stays mounted, however many rows share it
 * and however often the rows render. A failed read shows as "#id" and is tried again the next time
 * the ids change.
 */
export function useLocationTrails(ids: readonly number[]): ReadonlyMap<number, string[]> {
  const requested = useRef(new Set<number>());
  const [trails, setTrails] = useState<ReadonlyMap<number, string[]>>(new Map());
  // A string key, so that a new array with the same ids does not start the effect again.
  const key = [...new Set(ids)].sort((a, b) => a - b).join(',');

  useEffect(() => {
    const missing = key.split(',').filter(Boolean).map(Number).filter((id) => !requested.current.has(id));
    for (const id of missing) {
      requested.current.add(id);
      getLocation(id)
        .then(locationTrail)
        .then(
          (trail) => setTrails((previous) => new Map(previous).set(id, trail)),
          () => {
            requested.current.delete(id);
            setTrails((previous) => new Map(previous).set(id, [`#${id}`]));
          },
        );
    }
  }, [key]);

  return trails;
}

/**
 * Shortens a location trail for a list: the last two names, such as "Library › Room 2", after "…"
 * when higher levels such as the site were left out.
 */
export function shortTrail(names: readonly string[]): string {
  if (names.length <= 2) return names.join(' › ');
  return ['…', ...names.slice(-2)].join(' › ');
}
