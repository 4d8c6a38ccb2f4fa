import { useTranslation } from 'react-i18next';
import type { SlaView } from '../api/types';

/** Formats business minutes as "2 h 05 min" or "45 min", without the sign. */
export function formatMinutes(minutes: number): string {
  const whole = Math.round(Math.abs(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  return hours > 0 ? `${hours} h ${String(rest).padStart(2, '0')} min` : `${rest} min`;
}

/**
 * Shows the service-level state of a work order and the business time left (or over), as the
 * server computed it when the work order was read. Shows nothing when no policy applies.
 */
export function SlaBadge({ sla }: { sla: SlaView | null | undefined }) {
  const { t } = useTranslation();
  if (!sla) return null;
  const time = formatMinutes(sla.remainingMinutes);
  let detail: string | null = null;
  if (sla.state !== 'met') {
    detail = sla.remainingMinutes < 0 ? t('sla.over', { time }) : t('sla.left', { time });
  }
  return (
    <span className={`badge sla sla-${sla.state}`} data-testid="sla-badge" title={sla.policyName}>
      {t(`sla.state.${sla.state}`)}{detail && ` · ${detail}`}
    </span>
  );
}
