// Inputs for a work order type's custom fields, one control per kind: a list for choices, a
// number box with the unit in its label, a date picker, and so on.
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '../../api/types';
import { SelectField, TextField } from '../forms';

/** Turns an option key such as "not_working" into words for people who did not define it. */
export function optionLabel(option: string): string {
  const words = option.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function CustomFieldInput({ field, value, onChange, errors }: {
  field: FieldDefinition; value: unknown; onChange: (value: unknown) => void; errors?: string[];
}) {
  const { t } = useTranslation();
  const label = field.unit ? `${field.label} (${field.unit})` : field.label;
  switch (field.kind) {
    case 'choice':
      return (
        <SelectField label={label} value={typeof value === 'string' ? value : ''} errors={errors}
          onChange={(e) => onChange(e.target.value || null)}>
          <option value="">{t('fields.choose')}</option>
          {(field.options ?? []).map((option) => <option key={option} value={option}>{optionLabel(option)}</option>)}
        </SelectField>
      );
    case 'multi_choice': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <fieldset className="checks">
          <legend>{label}</legend>
          {(field.options ?? []).map((option) => (
            <label key={option}>
              <input type="checkbox" checked={chosen.includes(option)}
                onChange={() => onChange(chosen.includes(option) ? chosen.filter((c) => c !== option) : [...chosen, option])} />
              {optionLabel(option)}
            </label>
          ))}
          {errors && <p className="field-error">{errors.join(' ')}</p>}
        </fieldset>
      );
    }
    case 'number':
    case 'user':
    case 'asset':
    case 'location':
      return (
        <TextField label={field.kind === 'number' ? label : t('fields.idOf', { label, kind: t(`fieldKind.${field.kind}`) })}
          type="number" inputMode="decimal" value={typeof value === 'number' ? String(value) : ''} errors={errors}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))} />
      );
    case 'date':
      return <TextField label={label} type="date" value={typeof value === 'string' ? value : ''} errors={errors}
        onChange={(e) => onChange(e.target.value || null)} />;
    case 'text':
    default:
      return <TextField label={label} value={typeof value === 'string' ? value : ''} errors={errors}
        onChange={(e) => onChange(e.target.value || null)} />;
  }
}
