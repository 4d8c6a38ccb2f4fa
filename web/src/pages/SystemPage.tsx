// Where the server keeps its data, and which version runs.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, getSystem } from '../api/client';
import type { SystemInfo } from '../api/types';

export function SystemPage() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    getSystem().then(setInfo, (error: unknown) =>
      setLoadError(error instanceof ApiError && error.status === 404 ? t('system.unavailable') : t('common.loadFailed')));
  }, [t]);

  return (
    <div className="page">
      <h1>{t('system.title')}</h1>
      {loadError && <p className="form-error" role="alert">{loadError}</p>}
      {info && (
        <dl className="facts">
          <dt>{t('system.version')}</dt><dd>{info.version}</dd>
          <dt>{t('system.provider')}</dt><dd>{info.provider}</dd>
          <dt>{t('system.database')}</dt><dd><code>{info.database}</code></dd>
          <dt>{t('system.dataDirectory')}</dt><dd><code>{info.dataDirectory}</code></dd>
        </dl>
      )}
    </div>
  );
}
