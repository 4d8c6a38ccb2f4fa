// Procedure step results recorded while offline. Each one waits in the IndexedDB draft store until
// the server accepts it, and a later result of the same step replaces the waiting one, as the PUT
// that sends it replaces the step's result on the server.
import { clearDraft, listDraftKeys, loadDraft, saveDraft } from './drafts';
import type { StepInput } from '../api/client';

export interface QueuedStep {
  workOrderId: number;
  procedureId: number;
  stepKey: string;
  input: StepInput;
  queuedAt: string;
}

const prefix = 'step-queue:';

function keyOf(workOrderId: number, procedureId: number, stepKey: string): string {
  return `${prefix}${workOrderId}:${procedureId}:${stepKey}`;
}

export function queueStep(entry: QueuedStep): Promise<void> {
  return saveDraft(keyOf(entry.workOrderId, entry.procedureId, entry.stepKey), entry);
}

export function dequeueStep(entry: QueuedStep): Promise<void> {
  return clearDraft(keyOf(entry.workOrderId, entry.procedureId, entry.stepKey));
}

/** Lists the results of one work order that still wait to be sent, oldest first. */
export async function listQueuedSteps(workOrderId: number): Promise<QueuedStep[]> {
  const keys = await listDraftKeys(`${prefix}${workOrderId}:`);
  const entries = await Promise.all(keys.map((key) => loadDraft<QueuedStep>(key)));
  return entries.filter((entry): entry is QueuedStep => entry !== undefined).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}
