import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, Route, Routes } from 'react-router';
import { render } from '@testing-library/react';
import { SessionProvider } from '../src/session';
import { SignInPage } from '../src/pages/SignInPage';
import { json, mockFetch } from './helpers';

afterEach(() => vi.unstubAllGlobals());

function renderSignIn(path = '/sign-in') {
  return render(
    <SessionProvider>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/my-work" element={<p>my work page</p>} />
          <Route path="/triage" element={<p>triage page</p>} />
        </Routes>
      </MemoryRouter>
    </SessionProvider>,
  );
}

describe('SignInPage', () => {
  it('shows a wrong password above the form', async () => {
    mockFetch((call) => call.url.pathname === '/api/v1/auth/sign-in'
      ? json(401, { status: 401, title: 'Unauthorized', detail: 'The email or password is wrong.' })
      : json(401, { status: 401 }));
    renderSignIn();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Email'), 'a@example.test');
    await user.type(screen.getByLabelText('Password'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The email or password is wrong.');
  });

  it('opens the role home page', async () => {
    let signedIn = false;
    mockFetch((call) => {
      if (call.url.pathname === '/api/v1/auth/sign-in') {
        signedIn = true;
        return new Response(null, { status: 204 });
      }
      return signedIn
        ? json(200, { id: 2, email: 't@example.test', displayName: 'Tess', role: 'technician', vendorId: null, sitePaths: [] })
        : json(401, { status: 401 });
    });
    renderSignIn();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Email'), 't@example.test');
    await user.type(screen.getByLabelText('Password'), 'long password here');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('my work page')).toBeTruthy();
  });
});
