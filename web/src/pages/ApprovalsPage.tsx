// The approvals that wait for the signed-in user, with approve and reject buttons. The server
// lists only steps the user may decide and checks that again when the decision arrives.
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { decideApproval, listMyApprovals } from '../api/client';
import type { ApprovalStep, MyApproval } from '../api/types';
import { FormError, TextField, describeFailure, noFailure, type SubmitFailure } from '../components/forms';
import { formatDateTime, formatMoney } from '../lib/format';

export function ApprovalsPage() {
  const { t } = useTranslation();
  const [items, setItems] = useState<MyApproval[] | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(() => {
    listMyApprovals().then(setItems, () => setItems([]));
  }, []);
  useEffect(load, [load]);

  return (
    <div className="page">
      <h1>{t('approvalsPage.title')}</h1>
      <p className="hint">{t('approvalsPage.intro')}</p>
      {done && <p role="status" className="saved-note">{done}</p>}
      {items === null && <p className="loading">{t('common.loading')}</p>}
      {items?.length === 0 && <p className="empty">{t('approvalsPage.empty')}</p>}
      <ul className="plain-list">
        {items?.map((item) => (
          <PendingApproval
            key={`${item.id}-${item.currentStep}`}
            item={item}
            onDecided={(message) => {
              setDone(message);
              load();
            }}
          />
        ))}
      </ul>
    </div>
  );
}

function PendingApproval({ item, onDecided }: { item: MyApproval; onDecided: (message: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [busy, setBusy] = useState(false);

  async function decide(approve: boolean) {
    setFailure(noFailure);
    if (!approve && reason.trim() === '') {
      setFailure({ ...noFailure, fields: { reason: [t('approvalsPage.reasonRequired')] } });
      return;
    }
    setBusy(true);
    try {
      await decideApproval(item.workOrderId, item.id, approve, reason.trim() || null);
      onDecided(t(approve ? 'approvalsPage.approved' : 'approvalsPage.rejected', { id: item.workOrderId, title: item.workOrderTitle }));
    } catch (error) {
      setFailure(describeFailure(error, ['reason'], t('common.offline')));
    } finally {
      setBusy(false);
    }
  }

  const cost = item.estimatedCost === null ? t('approvalsPage.noCost') : formatMoney(item.estimatedCost, item.estimatedCostCurrency);
  return (
    <li className="card" data-testid="my-approval">
      <p>
        <Link to={`/work-orders/${item.workOrderId}`}>{t('approvalsPage.workOrder', { id: item.workOrderId, title: item.workOrderTitle })}</Link>
      </p>
      <dl className="facts">
        <dt>{t('approvalsPage.rule')}</dt>
        <dd>{item.ruleName}</dd>
        <dt>{t('approvalsPage.step')}</dt>
        <dd>{t('approvalsPage.stepOf', { step: item.currentStep + 1, total: item.stepCount, approver: describeStep(t, item.step) })}</dd>
        <dt>{t('approvalsPage.cost')}</dt>
        <dd>{cost}</dd>
        <dt>{t('approvalsPage.requested')}</dt>
        <dd>{formatDateTime(item.createdAt)}</dd>
      </dl>
      <FormError message={failure.general} />
      <div className="inline-form">
        <TextField label={t('approvals.reason')} value={reason} onChange={(e) => setReason(e.target.value)} errors={failure.fields.reason} />
        <button type="button" className="primary" disabled={busy} onClick={() => void decide(true)}>{t('approvals.approve')}</button>
        <button type="button" disabled={busy} onClick={() => void decide(false)}>{t('approvals.reject')}</button>
      </div>
    </li>
  );
}

function describeStep(t: TFunction, step: ApprovalStep): string {
  if (step.userId) return t('approvalsPage.approverUser');
  if (step.locationManager) return t('approvalsPage.approverManager');
  return step.role ? t(`role.${step.role}`) : '';
}
