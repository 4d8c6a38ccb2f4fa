import { useTranslation } from 'react-i18next';
import type { AssetStatus } from '../../api/types';

export function AssetStatusBadge({ status }: { status: AssetStatus }) {
  const { t } = useTranslation();
  return <span className={`badge asset-status-${status}`}>{t(`assetStatus.${status}`)}</span>;
}

/** Shows criticality 1 (low) to 5 (critical); 4 and 5 stand out. */
export function CriticalityBadge({ level }: { level: number }) {
  const { t } = useTranslation();
  return <span className={`badge criticality-${level}`}>{t('criticality.badge', { level })}</span>;
}
