// Administration of the emails Workdesk sends: the wording of each event, with its placeholders.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { listEmailTemplates, resetEmailTemplate, saveEmailTemplate } from '../api/client';
import type { EmailTemplate } from '../api/types';
import { FormError, SelectField, TextArea, TextField, describeFailure, noFailure, type SubmitFailure } from '../components/forms';

export function EmailTemplatesPage() {
  const { t } = useTranslation();
  const [templates, setTemplates] = useState<EmailTemplate[]>([]);
  const [eventType, setEventType] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    listEmailTemplates().then((list) => {
      setTemplates(list);
      if (list.length > 0) show(list[0]);
    }, () => setTemplates([]));
  }, []);

  function show(template: EmailTemplate) {
    setEventType(template.eventType);
    setSubject(template.subject);
    setBody(template.body);
    setFailure(noFailure);
    setSaved(false);
  }

  function replace(updated: EmailTemplate) {
    setTemplates((current) => current.map((template) => (template.eventType === updated.eventType ? updated : template)));
    show(updated);
    setSaved(true);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(noFailure);
    try {
      replace(await saveEmailTemplate(eventType, subject, body));
    } catch (error) {
      setSaved(false);
      setFailure(describeFailure(error, ['subject', 'body'], t('common.offline')));
    }
  }

  async function reset() {
    replace(await resetEmailTemplate(eventType));
  }

  const current = templates.find((template) => template.eventType === eventType);
  return (
    <div className="page">
      <h1>{t('emailTemplates.title')}</h1>
      <SelectField label={t('emailTemplates.event')} value={eventType}
        onChange={(e) => { const found = templates.find((template) => template.eventType === e.target.value); if (found) show(found); }}>
        {templates.map((template) => <option key={template.eventType} value={template.eventType}>{template.eventType}</option>)}
      </SelectField>
      {current && (
        <form onSubmit={submit} noValidate className="card">
          <p className="meta">{current.description}</p>
          <p className="meta">{current.isDefault ? t('emailTemplates.usingDefault') : t('emailTemplates.usingCustom')}</p>
          <FormError message={failure.general} />
          <TextField label={t('emailTemplates.subject')} value={subject} onChange={(e) => setSubject(e.target.value)} errors={failure.fields.subject} required />
          <TextArea label={t('emailTemplates.body')} rows={10} value={body} onChange={(e) => setBody(e.target.value)} errors={failure.fields.body} required
            hint={t('emailTemplates.placeholders', { list: current.placeholders.map((name) => `{{${name}}}`).join(', '), interpolation: { escapeValue: false } })} />
          <button type="submit" className="primary">{t('common.save')}</button>{' '}
          <button type="button" onClick={reset}>{t('emailTemplates.reset')}</button>
          {saved && <p role="status">{t('emailTemplates.saved')}</p>}
        </form>
      )}
    </div>
  );
}
