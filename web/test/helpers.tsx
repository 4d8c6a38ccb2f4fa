import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { ReactElement } from 'react';
import { vi } from 'vitest';

export interface RecordedCall {
  method: string;
  url: URL;
  headers: Headers;
  body: string | FormData | null;
}

type Responder = (call: RecordedCall) => Response | Promise<Response>;

/** Replaces fetch with a function that records each call and answers with respond. */
export function mockFetch(respond: Responder) {
  const calls: RecordedCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const contentType = request.headers.get('Content-Type') ?? '';
    let body: string | FormData | null = null;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      if (init?.body instanceof FormData) body = init.body;
      else if (contentType.includes('multipart/form-data')) body = await request.formData();
      else body = await request.text();
    }
    const call = { method: request.method, url: new URL(request.url), headers: request.headers, body };
    calls.push(call);
    return respond(call);
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(value), { status, headers: { 'Content-Type': type, ...headers } });
}

/** Renders element on a router at path, matched against pattern. */
export function renderAt(pattern: string, path: string, element: ReactElement) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path={pattern} element={element} />
        <Route path="*" element={<p>other page</p>} />
      </Routes>
    </MemoryRouter>,
  );
}
