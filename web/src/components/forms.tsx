// Labelled form controls that show the API's messages for their field, wired for screen readers
// with aria-invalid and aria-describedby.
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem';

interface FieldFrameProps {
  label: string;
  errors?: string[];
  hint?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

function FieldFrame({ label, errors, hint, children }: FieldFrameProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = Boolean(errors && errors.length > 0);
  const describedBy = [hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={invalid ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && <p id={hintId} className="hint">{hint}</p>}
      {children({ id, describedBy, invalid })}
      {invalid && (
        <p id={errorId} className="field-error">
          {errors!.join(' ')}
        </p>
      )}
    </div>
  );
}

type TextFieldProps = { label: string; errors?: string[]; hint?: string } & InputHTMLAttributes<HTMLInputElement>;

export function TextField({ label, errors, hint, ...input }: TextFieldProps) {
  return (
    <FieldFrame label={label} errors={errors} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <input id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...input} />
      )}
    </FieldFrame>
  );
}

type TextAreaProps = { label: string; errors?: string[]; hint?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>;

export function TextArea({ label, errors, hint, ...input }: TextAreaProps) {
  return (
    <FieldFrame label={label} errors={errors} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <textarea id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} rows={4} {...input} />
      )}
    </FieldFrame>
  );
}

type SelectFieldProps = { label: string; errors?: string[]; hint?: string } & SelectHTMLAttributes<HTMLSelectElement>;

export function SelectField({ label, errors, hint, children, ...select }: SelectFieldProps) {
  return (
    <FieldFrame label={label} errors={errors} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <select id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...select}>
          {children}
        </select>
      )}
    </FieldFrame>
  );
}

/** The message for a failure that no single field takes, announced to screen readers. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}

/** Tells the user that someone else changed the record (HTTP 412) and offers to reload it. */
export function ConflictNotice({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="conflict" role="alert">
      <p>{t('conflict.message')}</p>
      <button type="button" onClick={onReload}>
        {t('conflict.reload')}
      </button>
    </div>
  );
}

/** The state a form keeps about its last failed submit. */
export interface SubmitFailure {
  fields: Record<string, string[]>;
  general: string | null;
  conflict: boolean;
}

export const noFailure: SubmitFailure = { fields: {}, general: null, conflict: false };

/**
 * Sorts a failed call's messages onto the form: field messages next to the fields in fieldNames,
 * the rest above the form. Network failures get the translated offline message.
 */
export function describeFailure(error: unknown, fieldNames: readonly string[], offlineMessage: string): SubmitFailure {
  if (error instanceof ApiError) {
    const fields = error.fieldErrors();
    const known = Object.fromEntries(Object.entries(fields).filter(([name]) => fieldNames.includes(name)));
    return { fields: known, general: error.generalMessage(fieldNames), conflict: error.isConflict };
  }
  return { fields: {}, general: offlineMessage, conflict: false };
}
