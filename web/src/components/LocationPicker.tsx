// Picks a location one level at a time: a select for the top level, then one for the places
// inside the chosen one, and so on. The deepest chosen level is the value.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getLocation, listLocations } from '../api/client';
import type { Location } from '../api/types';
import { SelectField } from './forms';

interface LocationPickerProps {
  label: string;
  value: number | null;
  onChange: (locationId: number | null) => void;
  errors?: string[];
  /** The text of the empty choice at the top level, such as "Any location" or "Leave as it is". */
  emptyLabel: string;
}

export function LocationPicker({ label, value, onChange, errors, emptyLabel }: LocationPickerProps) {
  const { t } = useTranslation();
  // The chosen id at each level, from the top down.
  const [chain, setChain] = useState<number[]>([]);
  const [levels, setLevels] = useState<Location[][]>([]);

  // Opens the levels down to a value set from outside, such as a location read from the address.
  useEffect(() => {
    if (value === null) {
      setChain([]);
      return;
    }
    if (chain.at(-1) === value) return;
    getLocation(value).then(
      (location) => setChain(location.path.split('/').filter(Boolean).map(Number)),
      () => setChain([]),
    );
    // Only value is watched: a choice made in the picker already ends the chain with value.
  }, [value]);

  useEffect(() => {
    let cancelled = false;
    const parents: (number | null)[] = [null, ...chain];
    void Promise.all(parents.map((parentId) => listLocations(parentId).then((page) => page.items, () => [])))
      .then((found) => { if (!cancelled) setLevels(found.filter((items, index) => index === 0 || items.length > 0)); });
    return () => {
      cancelled = true;
    };
  }, [chain]);

  function nameAt(level: number): string {
    return levels[level]?.find((location) => location.id === chain[level])?.name ?? '';
  }

  function choose(level: number, idText: string) {
    const next = idText ? [...chain.slice(0, level), Number(idText)] : chain.slice(0, level);
    setChain(next);
    onChange(next.at(-1) ?? null);
  }

  return (
    <fieldset className="location-picker">
      <legend>{label}</legend>
      {levels.map((options, level) => (
        <SelectField key={level} label={level === 0 ? t('locationPicker.top') : t('locationPicker.inside', { name: nameAt(level - 1) })}
          value={chain[level]?.toString() ?? ''} onChange={(e) => choose(level, e.target.value)}
          errors={level === levels.length - 1 ? errors : undefined}>
          <option value="">{level === 0 ? emptyLabel : t('locationPicker.whole')}</option>
          {options.map((location) => <option key={location.id} value={location.id}>{location.name}</option>)}
        </SelectField>
      ))}
    </fieldset>
  );
}
