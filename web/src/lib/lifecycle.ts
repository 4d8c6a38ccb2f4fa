import type { Role, WorkOrderStatus } from '../api/types';

/** The moves docs/api.md allows from each status; the server enforces them and answers 409 otherwise. */
export const nextStatuses: Record<WorkOrderStatus, WorkOrderStatus[]> = {
  open: ['assigned', 'in_progress', 'on_hold', 'cancelled'],
  reopened: ['assigned', 'in_progress', 'on_hold', 'cancelled'],
  assigned: ['in_progress', 'on_hold', 'open', 'cancelled'],
  in_progress: ['on_hold', 'completed', 'cancelled'],
  on_hold: ['in_progress', 'assigned', 'cancelled'],
  completed: ['closed', 'reopened'],
  closed: ['reopened'],
  cancelled: ['reopened'],
};

export const statusesNeedingReason: WorkOrderStatus[] = ['on_hold', 'cancelled', 'reopened'];

/** The one-tap buttons shown on the work order page: start, pause and complete come first. */
export function quickActions(status: WorkOrderStatus, role: Role): WorkOrderStatus[] {
  const allowed = nextStatuses[status];
  const order: WorkOrderStatus[] = ['in_progress', 'on_hold', 'completed', 'closed', 'reopened'];
  return order.filter((target) => {
    if (!allowed.includes(target)) return false;
    if (target === 'closed') return role === 'dispatcher' || role === 'administrator';
    if (role === 'vendor') return ['in_progress', 'on_hold', 'completed'].includes(target);
    return true;
  });
}

/** Builds the If-Match value for a record read from a list, which carries no ETag header. */
export function etagFor(id: number, version: number): string {
  return `"${id}-${version}"`;
}
