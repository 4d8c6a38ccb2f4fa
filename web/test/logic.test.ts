import { describe, expect, it } from 'vitest';
import type { WorkOrder } from '../src/api/types';
import { groupByDue } from '../src/pages/MyWorkPage';
import { apiQueryFrom } from '../src/pages/WorkOrdersPage';
import { requesterStatusKey } from '../src/pages/PublicStatusPage';
import { etagFor, quickActions } from '../src/lib/lifecycle';
import { endOfLocalDay } from '../src/lib/format';
import { shortTrail } from '../src/lib/useLocationTrails';

function workOrder(id: number, dueAt: string | null): WorkOrder {
  return {
    id, title: `w${id}`, description: null, type: 'corrective', category: null, priority: 'medium', status: 'assigned',
    statusReason: null, locationId: null, assetId: null, requesterId: null, requestId: null, scheduleId: null,
    vendorId: null, parentId: null,
    assigneeUserIds: [], assigneeTeamIds: [], dueAt, createdAt: '', updatedAt: '', startedAt: null, completedAt: null,
    closedAt: null, version: 1, statusKey: 'assigned', workflowVersion: 1, customFields: {}, estimatedCost: null,
    estimatedCostCurrency: null,
  };
}

describe('groupByDue', () => {
  it('splits overdue, today and later', () => {
    const now = new Date(2030, 4, 10, 12, 0);
    const groups = groupByDue([
      workOrder(1, new Date(2030, 4, 9, 23, 0).toISOString()),
      workOrder(2, new Date(2030, 4, 10, 8, 0).toISOString()),
      workOrder(3, new Date(2030, 4, 11, 0, 0).toISOString()),
      workOrder(4, null),
    ], now);
    expect(groups.overdue.map((w) => w.id)).toEqual([1]);
    expect(groups.today.map((w) => w.id)).toEqual([2]);
    expect(groups.later.map((w) => w.id)).toEqual([3, 4]);
  });
});

describe('apiQueryFrom', () => {
  it('drops display settings and adds a page size', () => {
    const query = apiQueryFrom(new URLSearchParams('status=open,assigned&view=board&sort=-dueAt&q='));
    expect(query).toBe('status=open%2Cassigned&sort=-dueAt&pageSize=50');
  });
});

describe('quickActions', () => {
  it('offers start on assigned work', () => {
    expect(quickActions('assigned', 'technician')).toEqual(['in_progress', 'on_hold']);
  });

  it('offers pause and complete while in progress', () => {
    expect(quickActions('in_progress', 'technician')).toEqual(['on_hold', 'completed']);
  });

  it('lets only dispatchers close', () => {
    expect(quickActions('completed', 'technician')).toEqual(['reopened']);
    expect(quickActions('completed', 'dispatcher')).toEqual(['closed', 'reopened']);
  });

  it('keeps vendors to their three statuses', () => {
    expect(quickActions('completed', 'vendor')).toEqual([]);
  });
});

describe('small helpers', () => {
  it('builds an ETag from id and version', () => {
    expect(etagFor(42, 3)).toBe('"42-3"');
  });

  it('ends a date input at the end of the local day', () => {
    const value = new Date(endOfLocalDay('2030-05-10')!);
    expect([value.getFullYear(), value.getMonth(), value.getDate(), value.getHours()]).toEqual([2030, 4, 10, 23]);
    expect(endOfLocalDay('')).toBeNull();
  });

  it('shows work order progress to requesters', () => {
    const base = { title: 't', description: null, declineReason: null, createdAt: '', placeName: null, comments: [] };
    expect(requesterStatusKey({ ...base, status: 'approved', workOrderStatus: 'completed' })).toBe('completed');
    expect(requesterStatusKey({ ...base, status: 'new', workOrderStatus: null })).toBe('new');
    expect(requesterStatusKey({ ...base, status: 'declined', workOrderStatus: null })).toBe('declined');
  });
});

describe('shortTrail', () => {
  it('keeps short trails whole', () => {
    expect(shortTrail([])).toBe('');
    expect(shortTrail(['Library'])).toBe('Library');
    expect(shortTrail(['Library', 'Room 2'])).toBe('Library › Room 2');
  });

  it('drops the higher levels of long trails', () => {
    expect(shortTrail(['North Campus', 'Library', 'Room 2'])).toBe('… › Library › Room 2');
    expect(shortTrail(['Estate', 'North Campus', 'Library', 'Floor 1', 'Room 2'])).toBe('… › Floor 1 › Room 2');
  });
});
