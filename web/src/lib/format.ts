import type { TFunction } from 'i18next';

/** Formats an ISO time for people, in the browser's locale and time zone. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  return new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  return new Date(value).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** Turns the value of an <input type="date"> into the end of that day in local time, as ISO 8601. */
export function endOfLocalDay(dateInput: string): string | null {
  if (!dateInput) return null;
  const [year, month, day] = dateInput.split('-').map(Number);
  return new Date(year, month - 1, day, 23, 59, 0).toISOString();
}

/** Returns the local start of the given day. */
export function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/** Returns the local calendar day of an ISO time in the form an <input type="date"> takes. */
export function toDateInput(value: string): string {
  const date = new Date(value);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** Formats a calendar date such as "2030-01-31" without shifting it through a time zone. */
export function formatCalendarDate(value: string | null | undefined): string {
  if (!value) return '';
  const [year, month, day] = value.split('-').map(Number);
  return new Date(year, month - 1, day).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** Formats an amount in its ISO 4217 currency, or as a plain number when the currency is unknown. */
export function formatMoney(amount: number, currency: string | null): string {
  if (currency) {
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
    } catch {
      // An unknown code falls through to the plain number with the code after it.
    }
  }
  return `${amount.toLocaleString()}${currency ? ` ${currency}` : ''}`;
}

/** Returns the label of a work order type, such as "Service request", or the type itself when en.json has none. */
export function workOrderTypeLabel(t: TFunction, type: string): string {
  return t(`workOrderType.${type}`, { defaultValue: type });
}
