// Preventive maintenance schedules: the list, whose rows open the editor, the editor with its
// preview of due times, and bulk changes for dispatchers.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listSchedules } from '../api/client';
import type { Schedule } from '../api/types';
import { BulkScheduleChange } from '../components/BulkScheduleChange';
import { ScheduleEditor } from '../components/ScheduleEditor';
import { useSession } from '../session';

export function SchedulesPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [schedules, setSchedules] = useState<Schedule[] | null>(null);
  const [editing, setEditing] = useState<Schedule | null>(null);
  const canChange = me?.role === 'dispatcher' || me?.role === 'administrator';

  const load = useCallback(() => {
    listSchedules().then(setSchedules, () => setSchedules([]));
  }, []);
  useEffect(load, [load]);

  return (
    <div className="page">
      <h1>{t('schedules.title')}</h1>
      {schedules === null ? <p className="loading">{t('common.loading')}</p> : schedules.length === 0 ? (
        <p className="hint">{t('schedules.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="list">
            <caption className="visually-hidden">{t('schedules.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('schedules.name')}</th>
                <th scope="col">{t('schedules.trigger')}</th>
                <th scope="col">{t('schedules.interval')}</th>
                <th scope="col">{t('schedules.leadTimeDays')}</th>
                <th scope="col">{t('schedules.deviation')}</th>
              </tr>
            </thead>
            <tbody>
              {schedules.map((schedule) => (
                <tr key={schedule.id}>
                  <td>
                    {canChange ? (
                      <button type="button" className="link-button" aria-label={t('schedules.open', { name: schedule.name })}
                        onClick={() => setEditing(schedule)}>{schedule.name}</button>
                    ) : schedule.name}
                  </td>
                  <td>{t(`schedules.triggers.${schedule.trigger}`)}</td>
                  <td><code>{schedule.interval}</code></td>
                  <td>{schedule.leadTimeDays}</td>
                  <td>{t(`schedules.deviationStatus.${schedule.deviationStatus}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canChange && editing && (
        <>
          <ScheduleEditor key={editing.id} schedule={editing} canApprove={me?.role === 'administrator'}
            onSaved={(stored) => { setEditing(stored); load(); }} />
          <button type="button" onClick={() => setEditing(null)}>{t('schedules.close')}</button>
        </>
      )}
      {canChange && !editing && <ScheduleEditor onSaved={load} />}
      {canChange && <BulkScheduleChange onApplied={load} />}
    </div>
  );
}
