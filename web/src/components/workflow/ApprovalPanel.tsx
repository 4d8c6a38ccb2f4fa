// The approvals a work order waits for, with approve and reject buttons on pending ones. The
// server checks that the caller may decide the current step and records the decision with its reason.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decideApproval, listWorkOrderApprovals } from '../../api/client';
import type { WorkOrderApproval } from '../../api/types';
import { FormError, TextField, describeFailure, noFailure, type SubmitFailure } from '../forms';

export function ApprovalPanel({ workOrderId, refreshKey }: { workOrderId: number; refreshKey: number }) {
  const { t } = useTranslation();
  const [approvals, setApprovals] = useState<WorkOrderApproval[]>([]);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);

  const load = useCallback(() => {
    listWorkOrderApprovals(workOrderId).then(setApprovals, () => setApprovals([]));
  }, [workOrderId]);
  useEffect(load, [load, refreshKey]);

  async function decide(approval: WorkOrderApproval, approve: boolean) {
    setFailure(noFailure);
    try {
      await decideApproval(workOrderId, approval.id, approve, reason.trim() || null);
      setReason('');
      load();
    } catch (error) {
      setFailure(describeFailure(error, ['reason'], t('common.offline')));
    }
  }

  if (approvals.length === 0) return null;
  return (
    <section aria-labelledby="approvals-title">
      <h2 id="approvals-title">{t('approvals.title')}</h2>
      <FormError message={failure.general} />
      <ul className="plain-list">
        {approvals.map((approval) => (
          <li key={approval.id} className="card">
            <p>
              <strong>{approval.ruleName}</strong>{' '}
              <span className={`badge approval-${approval.state}`}>{t(`approvals.state.${approval.state}`)}</span>
            </p>
            {approval.state === 'pending' && (
              <p className="hint">{t('approvals.waitingStep', { step: approval.currentStep + 1, total: approval.steps.length })}</p>
            )}
            {approval.decisions.map((decision) => (
              <p key={`${decision.step}-${decision.decidedAt}`} className="hint">
                {t(decision.approved ? 'approvals.approvedStep' : 'approvals.rejectedStep', { step: decision.step + 1 })}
                {decision.reason ? `: ${decision.reason}` : ''}
              </p>
            ))}
            {approval.state === 'pending' && (
              <div className="inline-form">
                <TextField label={t('approvals.reason')} value={reason} onChange={(e) => setReason(e.target.value)} errors={failure.fields.reason} />
                <button type="button" className="primary" onClick={() => void decide(approval, true)}>{t('approvals.approve')}</button>
                <button type="button" onClick={() => void decide(approval, false)}>{t('approvals.reject')}</button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
