import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../src/api/live', () => ({ useLive: () => undefined, stopLive: () => undefined }));
const session = vi.hoisted(() => ({ role: 'technician' }));
vi.mock('../src/session', () => ({
  useSession: () => ({ me: { id: 5, email: 't@example.test', displayName: 'Tess', role: session.role, vendorId: null, sitePaths: [] } }),
}));

import { WorkOrderPage } from '../src/pages/WorkOrderPage';
import { json, mockFetch, renderAt, type RecordedCall } from './helpers';

const base = {
  id: 7, title: 'Leaking tap', description: 'Room 12', type: 'corrective', category: null, priority: 'high',
  status: 'assigned', statusReason: null, locationId: null, assetId: null, requesterId: null, requestId: null,
  vendorId: null, parentId: null, assigneeUserIds: [5], assigneeTeamIds: [], dueAt: null,
  createdAt: '2030-01-01T10:00:00Z', updatedAt: '2030-01-01T10:00:00Z', startedAt: null, completedAt: null, closedAt: null,
  version: 2,
};

function respondWith(onStatus: (call: RecordedCall) => Response) {
  return mockFetch((call) => {
    const path = call.url.pathname;
    if (path === '/api/v1/work-orders/7/status') return onStatus(call);
    if (path === '/api/v1/work-orders/7') return json(200, base, { ETag: '"7-2"' });
    if (path === '/api/v1/users') return json(200, { items: [], page: 1, pageSize: 200, totalCount: 0 });
    return json(200, []);
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  session.role = 'technician';
});

describe('WorkOrderPage status buttons', () => {
  it('starts with one tap and sends If-Match', async () => {
    const calls = respondWith(() => json(200, { ...base, status: 'in_progress', version: 3 }, { ETag: '"7-3"' }));
    renderAt('/work-orders/:id', '/work-orders/7', <WorkOrderPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Start' }));
    expect(await screen.findByRole('button', { name: 'Complete' })).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.headers.get('If-Match')).toBe('"7-2"');
    expect(JSON.parse(post.body as string)).toEqual({ status: 'in_progress', reason: null });
  });

  it('pauses with a preset reason in two taps', async () => {
    const calls = respondWith(() => json(200, { ...base, status: 'on_hold', version: 3 }, { ETag: '"7-3"' }));
    renderAt('/work-orders/:id', '/work-orders/7', <WorkOrderPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Pause' }));
    await user.click(screen.getByRole('button', { name: 'Waiting for parts' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(JSON.parse(post.body as string)).toEqual({ status: 'on_hold', reason: 'Waiting for parts' });
  });

  it('offers a reload after 412', async () => {
    let reads = 0;
    mockFetch((call) => {
      const path = call.url.pathname;
      if (path === '/api/v1/work-orders/7/status') {
        return json(412, { status: 412, title: 'The record has changed since it was read.', detail: 'Work order 7 has changed.' });
      }
      if (path === '/api/v1/work-orders/7') {
        reads += 1;
        return reads === 1 ? json(200, base, { ETag: '"7-2"' }) : json(200, { ...base, status: 'on_hold', statusReason: 'No key', version: 3 }, { ETag: '"7-3"' });
      }
      return json(200, []);
    });
    renderAt('/work-orders/:id', '/work-orders/7', <WorkOrderPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Start' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Someone else changed this record');
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    expect(await screen.findByText('No key')).toBeTruthy();
  });

  it('asks for a typed reason when no preset fits', async () => {
    const calls = respondWith(() => json(200, base));
    renderAt('/work-orders/:id', '/work-orders/7', <WorkOrderPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Pause' }));
    const submit = screen.getAllByRole('button', { name: 'Pause' }).at(-1)!;
    await user.click(submit);
    expect(screen.getByLabelText('Other reason').getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
});

describe('WorkOrderPage edit form', () => {
  it('patches with If-Match and shows 412', async () => {
    session.role = 'dispatcher';
    const calls = mockFetch((call) => {
      const path = call.url.pathname;
      if (path === '/api/v1/work-orders/7' && call.method === 'PATCH') {
        return json(412, { status: 412, title: 'The record has changed since it was read.', detail: 'Work order 7 has changed.' });
      }
      if (path === '/api/v1/work-orders/7') return json(200, base, { ETag: '"7-2"' });
      return json(200, []);
    });
    renderAt('/work-orders/:id', '/work-orders/7', <WorkOrderPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByText('Change priority, assignee or due date'));
    await user.selectOptions(screen.getByLabelText('Priority'), 'urgent');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Someone else changed this record');

    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"7-2"');
    expect(patch.headers.get('Content-Type')).toBe('application/merge-patch+json');
    expect(JSON.parse(patch.body as string)).toEqual({ priority: 'urgent', assigneeUserIds: [5], dueAt: null });
  });

  it('is hidden from technicians', async () => {
    respondWith(() => json(200, base));
    renderAt('/work-orders/:id', '/work-orders/7', <WorkOrderPage />);
    await screen.findByRole('button', { name: 'Start' });
    expect(screen.queryByText('Change priority, assignee or due date')).toBeNull();
  });
});

describe('WorkOrderPage details', () => {
  function showWith(changes: Partial<typeof base>) {
    mockFetch((call) => {
      if (call.url.pathname === '/api/v1/work-orders/7') return json(200, { ...base, ...changes }, { ETag: '"7-2"' });
      if (call.url.pathname === '/api/v1/users') return json(200, { items: [], page: 1, pageSize: 200, totalCount: 0 });
      return json(200, []);
    });
    renderAt('/work-orders/:id', '/work-orders/7', <WorkOrderPage />);
  }

  it('keeps the line breaks of the description', async () => {
    showWith({ description: 'Room 12\nTap drips all night\n\nKey at reception' });
    const description = await screen.findByText(/Tap drips all night/);
    expect(description.textContent).toBe('Room 12\nTap drips all night\n\nKey at reception');
    expect(description.classList.contains('multiline')).toBe(true);
  });

  it.each([
    ['corrective', 'Corrective'],
    ['preventive', 'Preventive'],
    ['inspection', 'Inspection'],
    ['incident', 'Incident'],
    ['service_request', 'Service request'],
    ['calibration', 'calibration'],
  ])('labels the type %s', async (type, label) => {
    showWith({ type });
    expect((await screen.findByTestId('type')).textContent).toBe(label);
  });

  it('links technicians back to their work', async () => {
    showWith({});
    expect((await screen.findByRole('link', { name: 'My work' })).getAttribute('href')).toBe('/my-work');
  });

  it('links dispatchers back to the list', async () => {
    session.role = 'dispatcher';
    showWith({});
    expect((await screen.findByRole('link', { name: 'Work orders' })).getAttribute('href')).toBe('/work-orders');
  });
});
