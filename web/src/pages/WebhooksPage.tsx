// Administration of webhook subscriptions, with each one's delivery log and replay.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createWebhook, deleteWebhook, listWebhookDeliveries, listWebhooks, replayWebhookDelivery } from '../api/client';
import { webhookEventTypes, type Webhook, type WebhookDelivery } from '../api/types';
import { FormError, TextField, describeFailure, noFailure, type SubmitFailure } from '../components/forms';
import { formatDateTime } from '../lib/format';

export function WebhooksPage() {
  const { t } = useTranslation();
  const [webhooks, setWebhooks] = useState<Webhook[]>([]);
  const [created, setCreated] = useState<Webhook | null>(null);
  const [shown, setShown] = useState<Webhook | null>(null);

  const load = useCallback(() => {
    listWebhooks().then(setWebhooks, () => setWebhooks([]));
  }, []);
  useEffect(load, [load]);

  async function remove(webhook: Webhook) {
    await deleteWebhook(webhook.id);
    if (shown?.id === webhook.id) setShown(null);
    load();
  }

  return (
    <div className="page">
      <h1>{t('webhooks.title')}</h1>
      <CreateForm onCreated={(webhook) => { setCreated(webhook); load(); }} />
      {created?.secret && (
        <div className="card notice" role="status">
          <p>{t('webhooks.secretOnce')}</p>
          <p><code className="token">{created.secret}</code></p>
        </div>
      )}
      {webhooks.length === 0 && <p className="empty">{t('webhooks.empty')}</p>}
      <ul className="plain-list">
        {webhooks.map((webhook) => (
          <li key={webhook.id} data-testid="webhook">
            <strong>{webhook.name}</strong> <code>{webhook.url}</code>
            <span className="meta"> · {webhook.eventTypes.join(', ')}</span>{' '}
            <button type="button" className="link-button" onClick={() => setShown(webhook)}>{t('webhooks.showDeliveries', { name: webhook.name })}</button>{' '}
            <button type="button" className="link-button" onClick={() => remove(webhook)}>{t('webhooks.delete', { name: webhook.name })}</button>
          </li>
        ))}
      </ul>
      {shown && <Deliveries key={shown.id} webhook={shown} />}
    </div>
  );
}

function CreateForm({ onCreated }: { onCreated: (webhook: Webhook) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);

  function toggle(eventType: string) {
    setEvents((current) => (current.includes(eventType) ? current.filter((e) => e !== eventType) : [...current, eventType]));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(noFailure);
    if (events.length === 0) {
      setFailure({ ...noFailure, fields: { eventTypes: [t('webhooks.eventsRequired')] } });
      return;
    }
    try {
      onCreated(await createWebhook(name.trim(), url.trim(), events));
      setName('');
      setUrl('');
      setEvents([]);
    } catch (error) {
      setFailure(describeFailure(error, ['name', 'url', 'eventTypes'], t('common.offline')));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="card">
      <FormError message={failure.general} />
      <TextField label={t('webhooks.name')} value={name} onChange={(e) => setName(e.target.value)} errors={failure.fields.name} required />
      <TextField label={t('webhooks.url')} type="url" value={url} onChange={(e) => setUrl(e.target.value)} errors={failure.fields.url} required />
      <fieldset>
        <legend>{t('webhooks.events')}</legend>
        {webhookEventTypes.map((eventType) => (
          <label key={eventType} className="checkbox">
            <input type="checkbox" checked={events.includes(eventType)} onChange={() => toggle(eventType)} /> <code>{eventType}</code>
          </label>
        ))}
        {failure.fields.eventTypes?.map((message) => <p key={message} className="field-error" role="alert">{message}</p>)}
      </fieldset>
      <button type="submit" className="primary">{t('webhooks.create')}</button>
    </form>
  );
}

function Deliveries({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const [deliveries, setDeliveries] = useState<WebhookDelivery[] | null>(null);
  const [replayed, setReplayed] = useState<number | null>(null);

  const load = useCallback(() => {
    listWebhookDeliveries(webhook.id).then(setDeliveries, () => setDeliveries([]));
  }, [webhook.id]);
  useEffect(load, [load]);

  async function replay(id: number) {
    await replayWebhookDelivery(id);
    setReplayed(id);
    load();
  }

  function status(delivery: WebhookDelivery): 'delivered' | 'failed' | 'pending' {
    if (delivery.deliveredAt) return 'delivered';
    if (delivery.failedAt) return 'failed';
    return 'pending';
  }

  return (
    <section aria-labelledby="deliveries-title" className="card">
      <h2 id="deliveries-title">{t('webhooks.deliveries')}: {webhook.name}</h2>
      {deliveries?.length === 0 && <p className="empty">{t('webhooks.noDeliveries')}</p>}
      {deliveries && deliveries.length > 0 && (
        <div className="table-wrap">
          <table className="list">
            <thead>
              <tr>
                <th scope="col">{t('webhooks.events')}</th>
                <th scope="col">{t('field.createdAt')}</th>
                <th scope="col">{t('field.status')}</th>
                <th scope="col">{t('webhooks.attempts')}</th>
                <th scope="col">{t('webhooks.lastResult')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <tr key={delivery.id} data-testid="delivery">
                  <td><code>{delivery.eventType}</code></td>
                  <td className="nowrap">{formatDateTime(delivery.createdAt)}</td>
                  <td>{t(`webhooks.status.${status(delivery)}`)}</td>
                  <td>{delivery.attempts}</td>
                  <td>{delivery.lastStatusCode ?? delivery.lastError ?? ''}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => replay(delivery.id)}>{t('webhooks.replay')}</button>
                    {replayed === delivery.id && <span role="status"> {t('webhooks.replayed')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
