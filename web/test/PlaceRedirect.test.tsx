import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PublicRequestPage } from '../src/pages/PublicRequestPage';
import { treeRoots } from '../src/pages/AssetsPage';
import { SessionProvider } from '../src/session';
import type { Asset } from '../src/api/types';
import { json, mockFetch } from './helpers';

vi.mock('../src/api/live', () => ({ useLive: () => undefined, stopLive: () => undefined }));

const place = {
  key: 'k1', locationId: 2, locationName: 'Plant room', locationPath: ['Site A', 'Plant room'],
  assetId: 7, assetName: 'Feed pump', assetTag: 'PMP-7',
};

function AssetStub() {
  return <p>asset page {useParams().id}</p>;
}

function renderLink(me: unknown, placeBody: unknown = place) {
  mockFetch((call) => {
    if (call.url.pathname === '/api/v1/me') return me ? json(200, me) : json(401, { status: 401, title: 'Unauthorized' });
    if (call.url.pathname === '/api/v1/public/places/k1') return json(200, placeBody);
    return json(404, { status: 404, title: 'Not found' });
  });
  render(
    <SessionProvider>
      <MemoryRouter initialEntries={['/r/k1']}>
        <Routes>
          <Route path="/r/:key" element={<PublicRequestPage />} />
          <Route path="/assets/:id" element={<AssetStub />} />
        </Routes>
      </MemoryRouter>
    </SessionProvider>,
  );
}

const person = (role: string) => ({ id: 3, email: 'p@example.test', displayName: 'Pat', role, vendorId: null, sitePaths: [] });

afterEach(() => vi.unstubAllGlobals());

describe('request link for an asset', () => {
  it('opens the asset page for a technician', async () => {
    renderLink(person('technician'));
    expect(await screen.findByText('asset page 7')).toBeTruthy();
  });

  it('keeps the form for a requester', async () => {
    renderLink(person('requester'));
    expect(await screen.findByLabelText('What is wrong?')).toBeTruthy();
    expect(screen.queryByText(/asset page/)).toBeNull();
  });

  it('keeps the form when nobody is signed in', async () => {
    renderLink(null);
    expect(await screen.findByText('Equipment: Feed pump PMP-7')).toBeTruthy();
    expect(screen.queryByText(/asset page/)).toBeNull();
  });

  it('keeps the form for staff at a location link', async () => {
    renderLink(person('dispatcher'), { ...place, assetId: null, assetName: null, assetTag: null });
    expect(await screen.findByLabelText('What is wrong?')).toBeTruthy();
  });
});

describe('treeRoots', () => {
  it('keeps assets whose parent is not listed', () => {
    const asset = (id: number, parentId: number | null) => ({ id, parentId }) as Asset;
    const roots = treeRoots([asset(1, null), asset(2, 1), asset(3, 99), asset(4, 2)]);
    expect(roots.map((root) => root.id)).toEqual([1, 3]);
  });
});
