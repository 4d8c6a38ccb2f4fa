import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AssetStatusChange, nextAssetStatuses } from '../src/components/assets/AssetStatusChange';
import { BulkAssetChange } from '../src/components/assets/BulkAssetChange';
import { MoveAssetDialog } from '../src/components/assets/MoveAssetDialog';
import type { Asset } from '../src/api/types';
import { json, mockFetch, type RecordedCall } from './helpers';

const pump: Asset = {
  id: 4, tag: 'PMP-4', name: 'Feed pump', category: 'Pumps', assetTypeId: null, locationId: 2, parentId: null, path: '/4/',
  criticality: 3, status: 'in_service', make: null, model: null, serialNumber: null, installDate: null, warrantyStart: null,
  warrantyEnd: null, purchaseCost: null, currency: null, expectedLifeYears: null, depreciation: null, customFields: null,
  externalId: null, version: 1,
};
const emptyPage = { items: [], page: 1, pageSize: 200, totalCount: 0 };
const bodyOf = (call: RecordedCall) => JSON.parse(call.body as string);

afterEach(() => vi.unstubAllGlobals());

describe('MoveAssetDialog', () => {
  it('shows a cycle error next to the parent field', async () => {
    const cycle = 'Asset 9 is inside this asset; moving there would make the asset its own ancestor.';
    const calls = mockFetch((call) => {
      if (call.url.pathname === '/api/v1/locations') return json(200, emptyPage);
      if (call.url.pathname === '/api/v1/assets') {
        return json(200, { ...emptyPage, items: [{ ...pump, id: 9, tag: 'MTR-9', parentId: 4, path: '/4/9/' }] });
      }
      return json(400, { title: 'The request is invalid.', status: 400, detail: cycle, errors: { parentId: [cycle] } });
    });
    const onMoved = vi.fn();
    render(<MoveAssetDialog asset={pump} onMoved={onMoved} onClose={() => undefined} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Put inside the asset with tag'), 'mtr-9');
    await user.click(screen.getByRole('button', { name: 'Move asset' }));

    const field = screen.getByLabelText('Put inside the asset with tag');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    const errorId = field.getAttribute('aria-describedby')!.split(' ').find((id) => id.endsWith('-error'))!;
    expect(document.getElementById(errorId)!.textContent).toBe(cycle);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onMoved).not.toHaveBeenCalled();
    const move = calls.find((call) => call.method === 'POST')!;
    expect(move.url.pathname).toBe('/api/v1/assets/4/move');
    expect(bodyOf(move)).toEqual({ parentId: 9, toTopLevel: false });
  });

  it('rejects an unknown tag without moving', async () => {
    const calls = mockFetch(() => json(200, emptyPage));
    render(<MoveAssetDialog asset={pump} onMoved={() => undefined} onClose={() => undefined} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Put inside the asset with tag'), 'NOPE-1');
    await user.click(screen.getByRole('button', { name: 'Move asset' }));
    expect(await screen.findByText('No asset has the tag NOPE-1.')).toBeTruthy();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  });

  it('asks for a destination before sending', async () => {
    const calls = mockFetch(() => json(200, emptyPage));
    render(<MoveAssetDialog asset={pump} onMoved={() => undefined} onClose={() => undefined} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Move asset' }));
    expect(await screen.findByText(/Choose a new location, a parent asset/)).toBeTruthy();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  });

  it('moves to the top level', async () => {
    const calls = mockFetch((call) => (call.method === 'POST' ? json(200, { ...pump, version: 2 }) : json(200, emptyPage)));
    const onMoved = vi.fn();
    render(<MoveAssetDialog asset={{ ...pump, parentId: 1 }} onMoved={onMoved} onClose={() => undefined} />);
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Take it out of its parent asset'));
    await user.click(screen.getByRole('button', { name: 'Move asset' }));
    await waitFor(() => expect(onMoved).toHaveBeenCalled());
    expect(bodyOf(calls.find((call) => call.method === 'POST')!)).toEqual({ toTopLevel: true });
  });
});

describe('BulkAssetChange', () => {
  const preview = {
    applied: false, assetCount: 2, changes: [
      { id: 4, tag: 'PMP-4', field: 'criticality', from: '3', to: '5' },
      { id: 5, tag: 'PMP-5', field: 'criticality', from: '2', to: '5' },
    ],
  };

  it('previews the changes, then applies them', async () => {
    const calls = mockFetch((call) => {
      if (call.url.pathname === '/api/v1/assets/bulk') {
        return json(200, bodyOf(call).preview ? preview : { ...preview, applied: true });
      }
      return json(200, emptyPage);
    });
    const onApplied = vi.fn();
    render(<BulkAssetChange selection={{ ids: [4, 5] }} selectionLabel="Two pumps" assetTypes={[]} onApplied={onApplied} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Set criticality'), '5');
    await user.click(screen.getByRole('button', { name: 'Preview the change' }));

    const table = await screen.findByRole('table');
    expect(table.textContent).toContain('PMP-4');
    expect(table.textContent).toContain('PMP-5');
    expect(screen.getByRole('heading', { name: '2 changes to 2 assets' })).toBeTruthy();
    expect(onApplied).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Apply 2 changes' }));
    expect((await screen.findByRole('status')).textContent).toBe('Applied 2 changes to 2 assets.');
    expect(onApplied).toHaveBeenCalledTimes(1);

    const sent = calls.filter((call) => call.url.pathname === '/api/v1/assets/bulk').map(bodyOf);
    expect(sent).toEqual([
      { selection: { ids: [4, 5] }, set: { criticality: 5 }, preview: true },
      { selection: { ids: [4, 5] }, set: { criticality: 5 }, preview: false },
    ]);
  });

  it('drops the preview when a value changes', async () => {
    mockFetch((call) => (call.url.pathname === '/api/v1/assets/bulk' ? json(200, preview) : json(200, emptyPage)));
    render(<BulkAssetChange selection={{ ids: [4, 5] }} selectionLabel="Two pumps" assetTypes={[]} onApplied={() => undefined} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Set criticality'), '5');
    await user.click(screen.getByRole('button', { name: 'Preview the change' }));
    await screen.findByRole('table');
    await user.type(screen.getByLabelText('Set category'), 'Pumps');
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('button', { name: /Apply/ })).toBeNull();
  });

  it('needs a value before the preview', async () => {
    const calls = mockFetch(() => json(200, emptyPage));
    render(<BulkAssetChange selection={{ ids: [4] }} selectionLabel="One pump" assetTypes={[]} onApplied={() => undefined} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Preview the change' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Choose at least one value to set.');
    expect(calls.some((call) => call.url.pathname === '/api/v1/assets/bulk')).toBe(false);
  });

  it('shows a selection error from the server', async () => {
    mockFetch((call) => (call.url.pathname === '/api/v1/assets/bulk'
      ? json(400, { status: 400, title: 'The request is invalid.', detail: 'The selection matches no asset.', errors: { selection: ['The selection matches no asset.'] } })
      : json(200, emptyPage)));
    render(<BulkAssetChange selection={{ q: 'nothing' }} selectionLabel="Filters" assetTypes={[]} onApplied={() => undefined} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Set category'), 'Pumps');
    await user.click(screen.getByRole('button', { name: 'Preview the change' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The selection matches no asset.');
  });
});

describe('AssetStatusChange', () => {
  it('marks an asset down with a reason', async () => {
    const calls = mockFetch(() => json(200, { ...pump, status: 'down', version: 2 }));
    const onChanged = vi.fn();
    render(<AssetStatusChange asset={pump} onChanged={onChanged} />);
    const user = userEvent.setup();
    expect(screen.queryByRole('button', { name: 'Back in service' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Mark as down' }));
    await user.type(screen.getByLabelText('Reason (optional)'), 'Seal leaks');
    await user.click(screen.getByRole('button', { name: 'Mark as down' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(expect.objectContaining({ status: 'down' })));
    expect(calls[0].url.pathname).toBe('/api/v1/assets/4/status');
    expect(bodyOf(calls[0])).toEqual({ status: 'down', reason: 'Seal leaks' });
  });

  it('shows the refusal for a retired asset', async () => {
    const message = 'Asset 4 is retired; a retired asset does not return to service.';
    mockFetch(() => json(409, { status: 409, title: 'Conflict', detail: message, field: 'status' }));
    render(<AssetStatusChange asset={{ ...pump, status: 'standby' }} onChanged={() => undefined} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Back in service' }));
    await user.click(screen.getByRole('button', { name: 'Back in service' }));
    expect((await screen.findByRole('alert')).textContent).toBe(message);
  });

  it('offers nothing for a retired asset', () => {
    expect(nextAssetStatuses('retired')).toEqual([]);
    expect(nextAssetStatuses('down')).toEqual(['in_service', 'standby', 'retired']);
  });
});
