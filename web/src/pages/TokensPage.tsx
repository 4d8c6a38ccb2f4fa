// The signed-in user's API tokens: create one (shown once), list and revoke.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createToken, listTokens, revokeToken } from '../api/client';
import type { ApiToken, CreatedToken } from '../api/types';
import { FormError, TextField, describeFailure, noFailure, type SubmitFailure } from '../components/forms';
import { formatDateTime } from '../lib/format';

export function TokensPage() {
  const { t } = useTranslation();
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);

  const load = useCallback(() => {
    listTokens().then(setTokens, () => setTokens([]));
  }, []);
  useEffect(load, [load]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(noFailure);
    if (days.trim() && !/^\d+$/.test(days.trim())) {
      setFailure({ ...noFailure, fields: { expiresInDays: [t('tokens.daysInvalid')] } });
      return;
    }
    try {
      setCreated(await createToken(name.trim(), days.trim() ? Number(days.trim()) : null));
      setName('');
      load();
    } catch (error) {
      setFailure(describeFailure(error, ['name', 'expiresInDays'], t('common.offline')));
    }
  }

  return (
    <div className="page">
      <h1>{t('tokens.title')}</h1>
      <form onSubmit={submit} noValidate className="card">
        <FormError message={failure.general} />
        <TextField label={t('tokens.name')} value={name} onChange={(e) => setName(e.target.value)} errors={failure.fields.name} required />
        <TextField label={t('tokens.days')} inputMode="numeric" hint={t('tokens.daysHint')} value={days}
          onChange={(e) => setDays(e.target.value)} errors={failure.fields.expiresInDays} />
        <button type="submit" className="primary">{t('tokens.create')}</button>
      </form>
      {created && (
        <div className="card notice" role="status">
          <p>{t('tokens.shownOnce')}</p>
          <p><code className="token">{created.token}</code></p>
        </div>
      )}
      <ul className="plain-list">
        {tokens.map((token) => (
          <li key={token.id}>
            <strong>{token.name}</strong> <code>{token.prefix}…</code>{' '}
            <span className="meta">
              {t('tokens.createdAt', { when: formatDateTime(token.createdAt) })}
              {token.expiresAt && ` · ${t('tokens.expiresAt', { when: formatDateTime(token.expiresAt) })}`}
            </span>{' '}
            <button type="button" onClick={async () => { await revokeToken(token.id).catch(() => undefined); load(); }}>
              {t('tokens.revoke')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
