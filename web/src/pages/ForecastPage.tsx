// The forecast of preventive work for the next 12 months, week by week, with the next visits.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getForecast, listForecastOccurrences } from '../api/client';
import type { Forecast, ForecastItem } from '../api/types';

export function ForecastPage() {
  const { t } = useTranslation();
  const [forecast, setForecast] = useState<Forecast | null>(null);
  const [items, setItems] = useState<ForecastItem[]>([]);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    getForecast().then(setForecast, () => setFailed(true));
    listForecastOccurrences().then(setItems, () => setItems([]));
  }, []);

  if (failed) return <div className="page"><p className="form-error" role="alert">{t('common.offline')}</p></div>;
  if (!forecast) return <div className="page"><p className="loading">{t('common.loading')}</p></div>;
  return (
    <div className="page">
      <h1>{t('forecast.title')}</h1>
      <p>{t('forecast.total', { count: forecast.count, hours: forecast.hours })}</p>
      <div className="table-wrap">
        <table className="list compact">
          <caption>{t('forecast.byWeek')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('forecast.week')}</th>
              <th scope="col">{t('forecast.count')}</th>
              <th scope="col">{t('forecast.hours')}</th>
            </tr>
          </thead>
          <tbody>
            {forecast.byWeek.map((week) => (
              <tr key={week.key}>
                <td>{week.key}</td>
                <td>{week.count}</td>
                <td>{week.hours}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('forecast.next')}</h2>
      <ul>
        {items.slice(0, 50).map((item) => (
          <li key={`${item.scheduleId}-${item.assetId}-${item.dueAt}`}>
            {t('forecast.item', { local: item.local.replace('T', ' ').slice(0, 16), zone: item.timeZone, name: item.scheduleName, tag: item.assetTag })}
          </li>
        ))}
      </ul>
    </div>
  );
}
