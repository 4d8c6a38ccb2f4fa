import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PublicRequestPage } from '../src/pages/PublicRequestPage';
import { clearDraft, loadDraft } from '../src/lib/drafts';
import { json, mockFetch, renderAt } from './helpers';

const place = {
  key: 'k1', locationId: 3, locationName: 'Room 12', locationPath: ['Main building', 'Floor 1', 'Room 12'],
  assetId: null, assetName: null, assetTag: null,
};

function renderForm(key = 'k1') {
  return renderAt('/r/:key', `/r/${key}`, <PublicRequestPage />);
}

afterEach(async () => {
  vi.unstubAllGlobals();
  await clearDraft('public-request:k1');
});

describe('PublicRequestPage', () => {
  it('shows the place named by the key', async () => {
    mockFetch(() => json(200, place));
    renderForm();
    expect(await screen.findByText('Main building › Floor 1 › Room 12')).toBeTruthy();
    expect(screen.getByLabelText('What is wrong?')).toBeTruthy();
  });

  it('asks for a description before sending', async () => {
    const calls = mockFetch(() => json(200, place));
    renderForm();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Send report' }));
    const description = screen.getByLabelText('What is wrong?');
    expect(description.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Say in a few words what is wrong.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('shows server errors next to their field', async () => {
    mockFetch((call) => call.method === 'POST'
      ? json(400, { title: 'The request is invalid.', status: 400, detail: 'contactEmail is not an email address.',
        errors: { contactEmail: ['contactEmail is not an email address.'] } })
      : json(200, place));
    renderForm();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('What is wrong?'), 'Tap drips');
    await user.type(screen.getByLabelText('Your email (optional)'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Send report' }));
    const email = screen.getByLabelText('Your email (optional)');
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = email.getAttribute('aria-describedby')!.split(' ');
    const messages = describedBy.map((id) => document.getElementById(id)?.textContent);
    expect(messages).toContain('contactEmail is not an email address.');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('sends multipart and links the status page', async () => {
    const calls = mockFetch((call) => call.method === 'POST'
      ? json(201, { statusToken: 'tok123', statusUrl: '/status/tok123' })
      : json(200, place));
    renderForm();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('What is wrong?'), 'Tap drips');
    await user.upload(screen.getByLabelText('Photo (optional)'), new File(['jpeg'], 'tap.jpg', { type: 'image/jpeg' }));
    await user.click(screen.getByRole('button', { name: 'Send report' }));
    const link = await screen.findByRole('link', { name: 'Follow your report' });
    expect(link.getAttribute('href')).toBe('/status/tok123');

    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/v1/public/requests');
    const form = post.body as FormData;
    expect(form.get('placeKey')).toBe('k1');
    expect(form.get('description')).toBe('Tap drips');
    expect((form.get('photo') as File).name).toBe('tap.jpg');
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
    expect(await loadDraft('public-request:k1')).toBeUndefined();
  });

  it('keeps the draft when the network fails', async () => {
    mockFetch((call) => {
      if (call.method === 'POST') throw new TypeError('Failed to fetch');
      return json(200, place);
    });
    const first = renderForm();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('What is wrong?'), 'Door will not lock');
    await user.click(screen.getByRole('button', { name: 'Send report' }));
    expect((await screen.findByRole('alert')).textContent).toContain('What you typed is kept on this device');
    first.unmount();

    renderForm();
    await waitFor(() => expect((screen.getByLabelText('What is wrong?') as HTMLTextAreaElement).value).toBe('Door will not lock'));
    const stored = await loadDraft<{ idempotencyKey: string }>('public-request:k1');
    expect(stored?.idempotencyKey).toBeTruthy();
  });

  it('explains an unknown key', async () => {
    mockFetch(() => json(404, { status: 404, title: 'Not found.', detail: 'Place key x was not found.' }));
    renderForm('x');
    expect((await screen.findByRole('alert')).textContent).toContain('This link is not known');
    expect(screen.queryByLabelText('What is wrong?')).toBeNull();
  });

  it('shows the rate limit message', async () => {
    mockFetch((call) => call.method === 'POST'
      ? json(429, { status: 429, title: 'Too many requests.', detail: 'Too many reports from this address; try again in a minute.' })
      : json(200, place));
    renderForm();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('What is wrong?'), 'Light out');
    await user.click(screen.getByRole('button', { name: 'Send report' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Too many reports from this address; try again in a minute.');
  });
});

describe('PublicRequestPage offline', () => {
  it('opens the form without a connection', async () => {
    mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    renderForm();
    expect(await screen.findByText(/There is no connection right now/)).toBeTruthy();
    expect(screen.getByLabelText('What is wrong?')).toBeTruthy();
  });
});
