import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../src/api/live', () => ({ useLive: () => undefined, stopLive: () => undefined }));
vi.mock('../src/session', () => ({
  useSession: () => ({ me: { id: 2, email: 'd@example.test', displayName: 'Dora', role: 'dispatcher', vendorId: null, sitePaths: [] } }),
}));

import { WorkOrdersPage } from '../src/pages/WorkOrdersPage';
import { json, mockFetch, renderAt } from './helpers';

const base = {
  description: null, type: 'corrective', category: null, priority: 'high', status: 'assigned', statusReason: null,
  assetId: null, requesterId: null, requestId: null, vendorId: null, parentId: null, assigneeUserIds: [4], assigneeTeamIds: [],
  dueAt: '2030-03-04T12:00:00Z', createdAt: '2030-01-01T10:00:00Z', updatedAt: '2030-01-01T10:00:00Z', startedAt: null,
  completedAt: null, closedAt: null, version: 1,
};
const workOrders = [
  { ...base, id: 102, title: 'Radiator leaks', locationId: 23 },
  { ...base, id: 103, title: 'Window stuck', locationId: 23, priority: 'low', status: 'open', assigneeUserIds: [] },
  { ...base, id: 104, title: 'Door squeaks', locationId: null, dueAt: null },
];
// Site 21 › Building 22 › Room 23.
const locations: Record<string, object> = {
  21: { id: 21, parentId: null, name: 'North Campus', code: null, path: '/21/', address: null, version: 1 },
  22: { id: 22, parentId: 21, name: 'Library', code: null, path: '/21/22/', address: null, version: 1 },
  23: { id: 23, parentId: 22, name: 'Reading room 2', code: null, path: '/21/22/23/', address: null, version: 1 },
};
const users = [
  { id: 4, email: 't@example.test', displayName: 'Tom Tech', role: 'technician', isActive: true, vendorId: null, siteLocationIds: [], version: 1 },
];

function respond(list: object = { items: workOrders, page: 1, pageSize: 50, totalCount: 3, totalCountIsLowerBound: false }) {
  return mockFetch((call) => {
    const path = call.url.pathname;
    if (path === '/api/v1/work-orders') return json(200, list);
    const location = /^\/api\/v1\/locations\/(\d+)$/.exec(path);
    if (location) return locations[location[1]] ? json(200, locations[location[1]]) : json(404, { status: 404, title: 'Not found' });
    if (path === '/api/v1/users') return json(200, { items: users, page: 1, pageSize: 200, totalCount: 1 });
    if (path === '/api/v1/me/views') return json(200, []);
    return json(200, []);
  });
}

/** Makes every media query match or fail, as on a wide screen or a phone. */
function setScreenWide(wide: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: wide, media: query, addEventListener: () => undefined, removeEventListener: () => undefined,
  }));
}

afterEach(() => vi.unstubAllGlobals());

describe('WorkOrdersPage', () => {
  it('shows the location column on wide screens', async () => {
    setScreenWide(true);
    const calls = respond();
    renderAt('/work-orders', '/work-orders', <WorkOrdersPage />);

    expect(await screen.findByRole('columnheader', { name: 'Location' })).toBeTruthy();
    const cells = await screen.findAllByText('… › Library › Reading room 2');
    expect(cells).toHaveLength(2);
    expect(cells[0].getAttribute('title')).toBe('North Campus › Library › Reading room 2');
    const row = screen.getByRole('link', { name: 'Radiator leaks' }).closest('tr')!;
    expect(within(row).getByRole('cell', { name: '102' })).toBeTruthy();
    expect(within(row).getByText('Assigned')).toBeTruthy();

    // Two rows share room 23, so it is read once.
    const roomReads = calls.filter((c) => c.url.pathname === '/api/v1/locations/23');
    expect(roomReads).toHaveLength(1);
  });

  it('shows one card per work order on phones', async () => {
    setScreenWide(false);
    respond();
    renderAt('/work-orders', '/work-orders', <WorkOrdersPage />);

    const title = await screen.findByRole('link', { name: 'Radiator leaks' });
    expect(screen.queryByRole('table')).toBeNull();
    const card = title.closest('li')!;
    expect(within(card).getByText('#102')).toBeTruthy();
    expect(within(card).getByText('Assigned')).toBeTruthy();
    expect(within(card).getByText('High')).toBeTruthy();
    expect(within(card).getByText(/^Due /)).toBeTruthy();
    expect(await within(card).findByText('… › Library › Reading room 2')).toBeTruthy();
    expect(within(card).getByText('Tom Tech')).toBeTruthy();
    expect(within(card).getByRole('checkbox', { name: 'Select Radiator leaks' })).toBeTruthy();

    const noLocation = screen.getByRole('link', { name: 'Door squeaks' }).closest('li')!;
    expect(within(noLocation).queryByText(/›/)).toBeNull();
    expect(within(noLocation).queryByText(/^Due /)).toBeNull();
  });

  it('puts saved views after the filters', async () => {
    setScreenWide(true);
    respond();
    renderAt('/work-orders', '/work-orders', <WorkOrdersPage />);

    const filters = await screen.findByRole('search');
    const saveName = await screen.findByLabelText('Save these filters as');
    const layout = screen.getByRole('group', { name: 'Layout' });
    expect(filters.compareDocumentPosition(saveName) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(layout.compareDocumentPosition(saveName) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows the exact count of a search', async () => {
    setScreenWide(true);
    respond();
    renderAt('/work-orders', '/work-orders?q=radiator', <WorkOrdersPage />);

    expect(await screen.findByText('3 work orders')).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Pages' })).toBeNull();
  });

  it('shows a lower bound count with a plus', async () => {
    setScreenWide(true);
    respond({ items: workOrders, page: 1, pageSize: 3, totalCount: 10000, totalCountIsLowerBound: true });
    renderAt('/work-orders', '/work-orders?q=radiator', <WorkOrdersPage />);

    expect(await screen.findByText('10,000+ work orders')).toBeTruthy();
    const pager = screen.getByRole('navigation', { name: 'Pages' });
    expect(within(pager).getByText('Page 1 of 3334+')).toBeTruthy();
    expect(within(pager).getByRole('button', { name: 'Next' }).hasAttribute('disabled')).toBe(false);
  });

  it('allows a next page past a lower bound', async () => {
    setScreenWide(true);
    respond({ items: workOrders, page: 2, pageSize: 3, totalCount: 3, totalCountIsLowerBound: true });
    renderAt('/work-orders', '/work-orders?q=radiator&page=2', <WorkOrdersPage />);

    expect(await screen.findByText('3+ work orders')).toBeTruthy();
    const pager = screen.getByRole('navigation', { name: 'Pages' });
    expect(within(pager).getByText('Page 2 of 1+')).toBeTruthy();
    expect(within(pager).getByRole('button', { name: 'Next' }).hasAttribute('disabled')).toBe(false);
  });
});
