// The signed-in user's in-app notifications, and the channel they chose for each event.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  listNotificationPreferences, listNotifications, markAllNotificationsRead, markNotificationRead, saveNotificationPreferences,
} from '../api/client';
import { notificationChannels, type AppNotification, type NotificationChannel, type NotificationPreference } from '../api/types';
import { FormError, SelectField, describeFailure, noFailure, type SubmitFailure } from '../components/forms';
import { formatDateTime } from '../lib/format';

export function NotificationsPage() {
  const { t } = useTranslation();
  const [items, setItems] = useState<AppNotification[] | null>(null);
  const [unreadOnly, setUnreadOnly] = useState(false);

  const load = useCallback(() => {
    listNotifications(unreadOnly).then((page) => setItems(page.items), () => setItems([]));
  }, [unreadOnly]);
  useEffect(load, [load]);

  async function markRead(id: number) {
    await markNotificationRead(id);
    load();
  }

  async function markAll() {
    await markAllNotificationsRead();
    load();
  }

  return (
    <div className="page">
      <h1>{t('notifications.title')}</h1>
      <p className="toolbar">
        <label className="checkbox">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
          {t('notifications.unreadOnly')}
        </label>{' '}
        <button type="button" onClick={markAll}>{t('notifications.markAllRead')}</button>
      </p>
      {items === null && <p className="loading">{t('common.loading')}</p>}
      {items?.length === 0 && <p className="empty">{t('notifications.empty')}</p>}
      <ul className="plain-list notifications">
        {items?.map((item) => (
          <li key={item.id} className={item.readAt ? 'read' : 'unread'} data-testid="notification">
            <strong>{item.title}</strong> <span className="meta">{formatDateTime(item.createdAt)}</span>
            {item.body && <p className="pre-line">{item.body}</p>}
            {item.workOrderId && <Link to={`/work-orders/${item.workOrderId}`}>{t('notifications.openWorkOrder', { id: item.workOrderId })}</Link>}
            {!item.readAt && (
              <>
                {' '}<button type="button" className="link-button" onClick={() => markRead(item.id)}>{t('notifications.markRead')}</button>
              </>
            )}
          </li>
        ))}
      </ul>
      <Preferences />
    </div>
  );
}

function Preferences() {
  const { t } = useTranslation();
  const [preferences, setPreferences] = useState<NotificationPreference[]>([]);
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    listNotificationPreferences().then(setPreferences, () => setPreferences([]));
  }, []);

  function choose(eventType: string, channel: NotificationChannel) {
    setSaved(false);
    setPreferences((current) => current.map((p) => (p.eventType === eventType ? { ...p, channel } : p)));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(noFailure);
    try {
      const channels = Object.fromEntries(preferences.map((p) => [p.eventType, p.channel]));
      setPreferences(await saveNotificationPreferences(channels));
      setSaved(true);
    } catch (error) {
      setFailure(describeFailure(error, ['channels'], t('common.offline')));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="card">
      <h2>{t('notifications.preferences')}</h2>
      <FormError message={failure.general ?? failure.fields.channels?.[0]} />
      {preferences.map((preference) => (
        <SelectField key={preference.eventType} label={t(`notifications.event.${preference.eventType}`, { defaultValue: preference.eventType })}
          value={preference.channel} onChange={(e) => choose(preference.eventType, e.target.value as NotificationChannel)}>
          {notificationChannels.map((channel) => <option key={channel} value={channel}>{t(`notifications.channel.${channel}`)}</option>)}
        </SelectField>
      ))}
      <button type="submit" className="primary">{t('common.save')}</button>
      {saved && <p role="status">{t('notifications.saved')}</p>}
    </form>
  );
}
