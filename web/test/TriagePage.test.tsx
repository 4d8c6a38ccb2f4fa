import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../src/api/live', () => ({ useLive: () => undefined, stopLive: () => undefined }));

import { TriagePage } from '../src/pages/TriagePage';
import { json, mockFetch, renderAt, type RecordedCall } from './helpers';

const request = {
  id: 11, title: 'Radiator leaks', description: 'Under the window', status: 'new', source: 'public', category: null,
  locationId: 3, assetId: null, requesterId: null, contactName: 'Rita', contactEmail: null, declineReason: null,
  workOrderId: null, createdAt: '2030-01-01T10:00:00Z', version: 1,
};
const users = [
  { id: 4, email: 't@example.test', displayName: 'Tom Tech', role: 'technician', isActive: true, vendorId: null, siteLocationIds: [], version: 1 },
];

function respond(onDecision: (call: RecordedCall) => Response) {
  let decided = false;
  return mockFetch((call) => {
    const path = call.url.pathname;
    if (path.startsWith('/api/v1/requests/11/') && call.method === 'POST') {
      const response = onDecision(call);
      decided = response.ok;
      return response;
    }
    if (path === '/api/v1/requests') return json(200, { items: decided ? [] : [request], page: 1, pageSize: 100, totalCount: 1 });
    if (path === '/api/v1/users') return json(200, { items: users, page: 1, pageSize: 200, totalCount: 1 });
    return json(200, []);
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('TriagePage', () => {
  it('approves with assignee and due date in one step', async () => {
    const calls = respond(() => json(200, { request: { ...request, status: 'approved' }, workOrders: [] }));
    renderAt('/triage', '/triage', <TriagePage />);
    const user = userEvent.setup();
    const card = await screen.findByRole('article', { name: 'Radiator leaks' });
    await waitFor(() => expect(within(card).getByRole('option', { name: 'Tom Tech' })).toBeTruthy());
    await user.selectOptions(within(card).getByLabelText('Priority'), 'urgent');
    await user.selectOptions(within(card).getByLabelText('Assign to'), 'Tom Tech');
    await user.type(within(card).getByLabelText('Due date'), '2030-02-03');
    await user.click(within(card).getByRole('button', { name: 'Approve and create work order' }));
    expect(await screen.findByText('No new requests. Well done.')).toBeTruthy();

    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/v1/requests/11/approve');
    const body = JSON.parse(post.body as string);
    expect(body.priority).toBe('urgent');
    expect(body.assigneeUserIds).toEqual([4]);
    expect(new Date(body.dueAt).getDate()).toBe(3);
  });

  it('requires a reason to decline', async () => {
    const calls = respond(() => json(200, request));
    renderAt('/triage', '/triage', <TriagePage />);
    const user = userEvent.setup();
    const card = await screen.findByRole('article', { name: 'Radiator leaks' });
    await user.click(within(card).getByLabelText('Decline'));
    await user.click(within(card).getByRole('button', { name: 'Decline request' }));
    expect(within(card).getByLabelText('Reason for declining').getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('shows a merge conflict at the work order field', async () => {
    respond(() => json(409, {
      status: 409, title: 'The request conflicts with the current state.',
      detail: 'Work order 99 is closed; merge into an open work order.', field: 'workOrderId',
    }));
    renderAt('/triage', '/triage', <TriagePage />);
    const user = userEvent.setup();
    const card = await screen.findByRole('article', { name: 'Radiator leaks' });
    await user.click(within(card).getByLabelText('Merge'));
    await user.type(within(card).getByLabelText('Work order number to merge into'), '99');
    await user.click(within(card).getByRole('button', { name: 'Merge into work order' }));
    const field = within(card).getByLabelText('Work order number to merge into');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(within(card).getByText('Work order 99 is closed; merge into an open work order.')).toBeTruthy();
  });
});
