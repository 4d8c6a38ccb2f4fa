import { describe, expect, it } from 'vitest';
import type { NextStatus } from '../src/api/types';
import { movesFrom } from '../src/pages/WorkOrderPage';
import { describeLimits } from '../src/components/procedures/ProcedurePanel';

const next = (statusKey: string, category: NextStatus['category'], name = statusKey): NextStatus => ({
  statusKey, name, category, requiresReason: false, requiredFields: [], readOnlyFields: [], hiddenFields: [],
});
const t = ((key: string, values?: Record<string, unknown>) => `${key}${values ? JSON.stringify(values) : ''}`) as never;

describe('movesFrom', () => {
  it('keeps one-tap labels for standard statuses and names for a type\'s own', () => {
    const moves = movesFrom([next('cancelled', 'cancelled'), next('completed', 'completed'), next('awaiting_paint', 'on_hold', 'Awaiting paint'),
      next('in_progress', 'in_progress')], t);

    expect(moves.map((m) => m.label)).toEqual(['action.in_progress', 'action.completed', 'Awaiting paint']);
    expect(moves[2]).toMatchObject({ status: 'on_hold', statusKey: 'awaiting_paint' });
    expect(moves[0].statusKey).toBeUndefined();
  });
});

describe('describeLimits', () => {
  it('describes each kind of limit with its unit', () => {
    const step = { key: 'x', label: 'X', kind: 'number' as const, unit: 'µA' };

    expect(describeLimits(t, { ...step, max: 500 })).toBe('procedure.limitsAtMost{"max":500,"unit":" µA"}');
    expect(describeLimits(t, { ...step, min: 1, max: 5 })).toBe('procedure.limitsBetween{"min":1,"max":5,"unit":" µA"}');
    expect(describeLimits(t, { ...step, min: 2 })).toBe('procedure.limitsAtLeast{"min":2,"unit":" µA"}');
    expect(describeLimits(t, step)).toBeNull();
  });
});
