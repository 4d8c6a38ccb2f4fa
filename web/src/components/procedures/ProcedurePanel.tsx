// The work order's procedures as a technician works through them on a phone: one card per step,
// in order, each saved on its own, with the limits beside every measured value. A result that
// cannot reach the server waits on the device and is sent when the browser is back online.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  attachmentUrl, listWorkOrderProcedures, newIdempotencyKey, recordProcedureStep, uploadWorkOrderAttachment, type StepInput,
} from '../../api/client';
import type { ProcedureStep, StepResult, WorkOrderProcedure } from '../../api/types';
import { FormError, SelectField, TextArea, TextField, describeFailure, noFailure, type SubmitFailure } from '../forms';
import { formatDateTime } from '../../lib/format';
import { useSession } from '../../session';
import { optionLabel } from '../workflow/CustomFieldInputs';
import { SignaturePad } from './SignaturePad';
import { ApiError } from '../../api/problem';
import { dequeueStep, listQueuedSteps, queueStep, type QueuedStep } from '../../lib/stepQueue';

/** Describes a step's limits for people, such as "at most 500 µA"; null when it has none. */
export function describeLimits(t: TFunction, step: ProcedureStep): string | null {
  const unit = step.unit ? ` ${step.unit}` : '';
  const min = step.min ?? null;
  const max = step.max ?? null;
  if (min !== null && max !== null) return t('procedure.limitsBetween', { min, max, unit });
  if (min !== null) return t('procedure.limitsAtLeast', { min, unit });
  if (max !== null) return t('procedure.limitsAtMost', { max, unit });
  return null;
}

export function ProcedurePanel({ workOrderId, readOnly, onRecorded }: { workOrderId: number; readOnly: boolean; onRecorded: () => void }) {
  const { t } = useTranslation();
  const [procedures, setProcedures] = useState<WorkOrderProcedure[]>([]);
  const [queued, setQueued] = useState<QueuedStep[]>([]);
  const [rejected, setRejected] = useState<Record<string, string>>({});
  const sending = useRef(false);

  const load = useCallback(() => {
    listWorkOrderProcedures(workOrderId).then(setProcedures, () => setProcedures([]));
  }, [workOrderId]);
  useEffect(load, [load]);

  // The parent may pass a new onRecorded on every render, so a ref keeps replace, sendQueued and the
  // online listener from being rebuilt each time.
  const onRecordedRef = useRef(onRecorded);
  onRecordedRef.current = onRecorded;
  const replace = useCallback((updated: WorkOrderProcedure) => {
    setProcedures((current) => current.map((p) => (p.id === updated.id ? updated : p)));
    onRecordedRef.current();
  }, []);

  // Sends the waiting results one by one. A rejected result is dropped and its message shown on its
  // step, and a network failure stops the round, because the next online event starts another.
  const sendQueued = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    try {
      for (const entry of await listQueuedSteps(workOrderId)) {
        try {
          replace(await recordProcedureStep(entry.workOrderId, entry.procedureId, entry.stepKey, entry.input));
          await dequeueStep(entry);
        } catch (error) {
          if (!(error instanceof ApiError)) break;
          await dequeueStep(entry);
          setRejected((current) => ({ ...current, [`${entry.procedureId}:${entry.stepKey}`]: error.message }));
        }
      }
    } finally {
      sending.current = false;
      setQueued(await listQueuedSteps(workOrderId));
    }
  }, [workOrderId, replace]);

  useEffect(() => {
    void sendQueued();
    const onOnline = () => void sendQueued();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [sendQueued]);

  const queue = useCallback(async (entry: QueuedStep) => {
    await queueStep(entry);
    setQueued(await listQueuedSteps(workOrderId));
  }, [workOrderId]);

  if (procedures.length === 0) return null;
  return (
    <>
      {procedures.map((procedure) => {
        const steps = procedure.sections.flatMap((s) => s.steps);
        return (
          <section key={procedure.id} className="procedure" aria-labelledby={`procedure-${procedure.id}`}>
            <h2 id={`procedure-${procedure.id}`}>{procedure.name}</h2>
            <p className="hint" data-testid="procedure-progress">
              {t('procedure.progress', { done: procedure.results.length, total: steps.length })}
            </p>
            {queued.some((entry) => entry.procedureId === procedure.id) && (
              <p className="hint" role="status" data-testid="procedure-queued">
                {t('procedure.queuedCount', { count: queued.filter((entry) => entry.procedureId === procedure.id).length })}
              </p>
            )}
            {procedure.missingRequired.length > 0 && (
              <p className="hint">{t('procedure.requiredLeft', { count: procedure.missingRequired.length })}</p>
            )}
            {procedure.sections.map((section) => (
              <div key={section.title} className="procedure-section">
                <h3>{section.title}</h3>
                <ol className="steps">
                  {section.steps.map((step) => (
                    <StepCard key={step.key} workOrderId={workOrderId} procedureId={procedure.id} step={step} readOnly={readOnly}
                      result={procedure.results.find((r) => r.stepKey === step.key)} onSaved={replace} onQueue={queue}
                      waiting={queued.some((entry) => entry.procedureId === procedure.id && entry.stepKey === step.key)}
                      rejectedOffline={rejected[`${procedure.id}:${step.key}`]} />
                  ))}
                </ol>
              </div>
            ))}
          </section>
        );
      })}
    </>
  );
}

function StepCard({ workOrderId, procedureId, step, result, readOnly, onSaved, onQueue, waiting, rejectedOffline }: {
  workOrderId: number; procedureId: number; step: ProcedureStep; result: StepResult | undefined; readOnly: boolean;
  onSaved: (procedure: WorkOrderProcedure) => void; onQueue: (entry: QueuedStep) => Promise<void>; waiting: boolean;
  rejectedOffline: string | undefined;
}) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [busy, setBusy] = useState(false);

  async function save(input: StepInput) {
    setBusy(true);
    setFailure(noFailure);
    try {
      onSaved(await recordProcedureStep(workOrderId, procedureId, step.key, input));
    } catch (error) {
      if (error instanceof ApiError) {
        setFailure(describeFailure(error, ['value', 'attachmentId', 'signerName'], t('common.offline')));
      } else {
        // The request did not reach the server, so the result waits on this device.
        // NOTE: the server stamps recordedAt when the result arrives, not when it was taken. Photo and
        // signature steps upload an image first and are not queued, so offline they show an error.
        await onQueue({ workOrderId, procedureId, stepKey: step.key, input, queuedAt: new Date().toISOString() });
      }
    } finally {
      setBusy(false);
    }
  }

  async function saveImage(image: Blob, name: string, extra: StepInput) {
    setBusy(true);
    setFailure(noFailure);
    try {
      const file = new File([image], name, { type: image.type || 'image/png' });
      const attachment = await uploadWorkOrderAttachment(workOrderId, file, newIdempotencyKey());
      onSaved(await recordProcedureStep(workOrderId, procedureId, step.key, { ...extra, attachmentId: attachment.id }));
    } catch (error) {
      setFailure(describeFailure(error, ['file', 'attachmentId', 'signerName'], t('common.offline')));
    } finally {
      setBusy(false);
    }
  }

  const errors = Object.values(failure.fields).flat();
  return (
    <li className={`step-card card outcome-${result?.outcome ?? 'open'}`} data-testid={`step-${step.key}`}>
      <p className="step-label">
        {step.label}
        {step.required && <span className="badge required">{t('procedure.required')}</span>}
        {result && <span className={`badge outcome ${result.outcome}`} data-testid={`outcome-${step.key}`}>{t(`procedure.outcome.${result.outcome}`)}</span>}
      </p>
      {step.instructions && <p className="hint">{step.instructions}</p>}
      {result && <RecordedResult step={step} result={result} />}
      {waiting && <p className="hint" data-testid={`queued-${step.key}`}>{t('procedure.queued')}</p>}
      {rejectedOffline && <p className="field-error" role="alert">{t('procedure.queuedRejected', { message: rejectedOffline })}</p>}
      {!readOnly && <StepControl step={step} result={result} busy={busy} onSave={save} onSaveImage={saveImage} />}
      {errors.length > 0 && <p className="field-error" role="alert">{errors.join(' ')}</p>}
      <FormError message={failure.general} />
    </li>
  );
}

function RecordedResult({ step, result }: { step: ProcedureStep; result: StepResult }) {
  const { t } = useTranslation();
  return (
    <div className="recorded">
      {result.value !== null && result.value !== undefined && step.kind !== 'check' && (
        <p>{t('procedure.recordedValue', { value: `${String(result.value)}${step.unit ? ` ${step.unit}` : ''}` })}</p>
      )}
      {result.attachmentId && <img className="step-image" src={attachmentUrl(result.attachmentId)} alt={step.label} />}
      {result.signerName && (
        <p data-testid={`signed-${step.key}`}>{t('procedure.signedBy', { name: result.signerName, at: formatDateTime(result.recordedAt) })}</p>
      )}
      {result.followUpWorkOrderId && (
        <p><Link to={`/work-orders/${result.followUpWorkOrderId}`}>{t('procedure.followUp', { id: result.followUpWorkOrderId })}</Link></p>
      )}
    </div>
  );
}

function StepControl({ step, result, busy, onSave, onSaveImage }: {
  step: ProcedureStep; result: StepResult | undefined; busy: boolean;
  onSave: (input: StepInput) => Promise<void>; onSaveImage: (image: Blob, name: string, extra: StepInput) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [text, setText] = useState(result?.value !== undefined && result?.value !== null ? String(result.value) : '');
  const [signer, setSigner] = useState(me?.displayName ?? '');
  const [signature, setSignature] = useState<Blob | null>(null);

  function submitValue(event: FormEvent, value: unknown) {
    event.preventDefault();
    void onSave({ value });
  }

  switch (step.kind) {
    case 'check':
      return result ? null : <button type="button" className="big" disabled={busy} onClick={() => void onSave({ value: true })}>{t('procedure.markDone')}</button>;
    case 'pass_fail':
      return (
        <div className="big-buttons">
          {(['pass', 'fail', 'flag'] as const).map((choice) => (
            <button key={choice} type="button" className={`big choice-${choice}`} disabled={busy} onClick={() => void onSave({ value: choice })}>
              {t(`procedure.${choice}`)}
            </button>
          ))}
        </div>
      );
    case 'number':
    case 'meter': {
      const limits = describeLimits(t, step);
      return (
        <form className="inline-form measured" onSubmit={(e) => submitValue(e, text === '' ? null : Number(text))} noValidate>
          <TextField label={step.unit ? t('procedure.valueIn', { unit: step.unit }) : t('procedure.value')} type="number" inputMode="decimal"
            step="any" value={text} onChange={(e) => setText(e.target.value)} hint={limits ?? undefined} />
          <button type="submit" className="primary" disabled={busy || text === ''}>{t('procedure.save')}</button>
        </form>
      );
    }
    case 'text':
      return (
        <form className="inline-form" onSubmit={(e) => submitValue(e, text)} noValidate>
          <TextArea label={t('procedure.value')} rows={2} value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="primary" disabled={busy || !text.trim()}>{t('procedure.save')}</button>
        </form>
      );
    case 'choice':
      return (
        <SelectField label={t('procedure.value')} value={text} disabled={busy}
          onChange={(e) => { setText(e.target.value); if (e.target.value) void onSave({ value: e.target.value }); }}>
          <option value="">{t('fields.choose')}</option>
          {(step.options ?? []).map((option) => <option key={option} value={option}>{optionLabel(option)}</option>)}
        </SelectField>
      );
    case 'photo':
      return (
        <label className="button">
          {t('workOrder.takePhoto')}
          <input type="file" accept="image/*" capture="environment" className="visually-hidden" disabled={busy}
            data-testid={`photo-${step.key}`}
            onChange={(e) => { const file = e.target.files?.[0]; if (file) void onSaveImage(file, file.name, {}); e.target.value = ''; }} />
        </label>
      );
    case 'signature':
      return (
        <div className="signature-step">
          <SignaturePad onChange={setSignature} />
          <TextField label={t('procedure.signerName')} value={signer} onChange={(e) => setSigner(e.target.value)} />
          <button type="button" className="primary" disabled={busy || !signature || !signer.trim()}
            onClick={() => void onSaveImage(signature!, 'signature.png', { signerName: signer.trim() })}>
            {t('procedure.sign')}
          </button>
        </div>
      );
    default:
      return null;
  }
}
