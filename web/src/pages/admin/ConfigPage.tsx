// Moves the work configuration between installations: download it as one JSON file here, and on
// the other installation upload it, read the list of changes, then apply them.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigPreview } from '../../api/client';
import { applyConfig, exportConfig, previewConfig } from '../../api/client';
import { ApiError } from '../../api/problem';
import { FormError } from '../../components/forms';

export function ConfigPage() {
  const { t } = useTranslation();
  const [document, setDocument] = useState<unknown>(null);
  const [preview, setPreview] = useState<ConfigPreview | null>(null);
  const [applied, setApplied] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function download() {
    setFailure(null);
    try {
      const body = JSON.stringify(await exportConfig(), null, 2);
      const link = window.document.createElement('a');
      link.href = URL.createObjectURL(new Blob([body], { type: 'application/json' }));
      link.download = 'workdesk-config.json';
      link.click();
      URL.revokeObjectURL(link.href);
    } catch {
      setFailure(t('common.offline'));
    }
  }

  async function choose(file: File | undefined) {
    if (!file) return;
    setFailure(null);
    setApplied(false);
    setPreview(null);
    try {
      const parsed: unknown = JSON.parse(await file.text());
      setDocument(parsed);
      setPreview(await previewConfig(parsed));
    } catch (error) {
      if (error instanceof SyntaxError) setFailure(t('config.notJson'));
      else if (error instanceof ApiError) setFailure(error.generalMessage([]));
      else setFailure(t('common.offline'));
    }
  }

  async function apply() {
    setFailure(null);
    try {
      setPreview(await applyConfig(document));
      setApplied(true);
    } catch (error) {
      setFailure(error instanceof ApiError ? error.generalMessage([]) : t('common.offline'));
    }
  }

  const changes = preview?.changes.filter((change) => change.action !== 'unchanged') ?? [];
  return (
    <div className="page">
      <h1>{t('config.title')}</h1>
      <p className="hint">{t('config.intro')}</p>
      <FormError message={failure} />
      <section className="card">
        <h2>{t('config.exportTitle')}</h2>
        <button type="button" className="primary" onClick={() => void download()}>{t('config.download')}</button>
      </section>
      <section className="card">
        <h2>{t('config.importTitle')}</h2>
        <label className="button">
          {t('config.chooseFile')}
          <input type="file" accept="application/json,.json" className="visually-hidden" data-testid="config-file"
            onChange={(e) => { void choose(e.target.files?.[0]); e.target.value = ''; }} />
        </label>
        {preview && (
          <>
            <h3>{t('config.previewTitle')}</h3>
            {changes.length === 0 && preview.problems.length === 0 && <p>{t('config.nothingToChange')}</p>}
            <ul className="plain-list" data-testid="config-changes">
              {changes.map((change) => (
                <li key={`${change.kind}-${change.name}`}>
                  {t(`config.action.${change.action}`)} · {t(`config.kind.${change.kind}`)} · <strong>{change.name}</strong>
                  {change.detail && <span className="hint"> ({change.detail})</span>}
                </li>
              ))}
            </ul>
            {preview.problems.length > 0 && (
              <div className="form-error" role="alert">
                <p>{t('config.problems')}</p>
                <ul>{preview.problems.map((problem) => <li key={problem}>{problem}</li>)}</ul>
              </div>
            )}
            {!applied && changes.length > 0 && preview.problems.length === 0 && (
              <button type="button" className="primary" onClick={() => void apply()}>{t('config.apply', { count: changes.length })}</button>
            )}
            {applied && <p role="status" className="saved-note">{t('config.applied')}</p>}
          </>
        )}
      </section>
    </div>
  );
}
