import { describe, expect, it } from 'vitest';
import i18n from 'i18next';
import type { Activity } from '../src/api/types';
import { describeEntry, type Names } from '../src/components/Timeline';

const names: Names = { user: (id) => (id === 3 ? 'Tom Tech' : `#${id}`), team: (id) => (id === 1 ? 'Night shift' : `#${id}`) };

function entry(action: string, field: string | null, newValue: string | null): Activity {
  return { id: 1, at: '2026-12-05T10:00:00Z', actorId: null, action, field, oldValue: null, newValue };
}

describe('describeEntry', () => {
  const t = i18n.t.bind(i18n);

  it('names the field and translates a priority', () => {
    expect(describeEntry(entry('field_changed', 'priority', 'urgent'), t, names)).toBe('Priority changed to Urgent');
  });

  it('shows assignees by name, not by id', () => {
    expect(describeEntry(entry('field_changed', 'assigneeUserIds', '3'), t, names)).toBe('Assigned people changed to Tom Tech');
    expect(describeEntry(entry('field_changed', 'assigneeTeamIds', '1'), t, names)).toBe('Assigned teams changed to Night shift');
  });

  it('says when a field was cleared', () => {
    expect(describeEntry(entry('field_changed', 'dueAt', null), t, names)).toBe('Due date cleared');
  });

  it('describes an escalation with the rule name', () => {
    expect(describeEntry(entry('escalated', 'escalationRule', 'Warn before resolution'), t, names))
      .toBe('Escalation rule applied: Warn before resolution');
  });
});
