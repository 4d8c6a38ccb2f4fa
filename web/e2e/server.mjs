// Starts what the end-to-end tests run against: a Workdesk server on 127.0.0.1 with a fresh
// SQLite data folder, users made with the server's CLI, and the built web app.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoDir = path.resolve(webDir, '..');

/** Returns a TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with code ${child.exitCode} before it answered.`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms.`);
}

function stop(child) {
  if (child && child.exitCode === null) child.kill('SIGTERM');
}

/** The people the tests sign in as; the passwords exist only in this throwaway data folder. */
export const people = {
  admin: { email: 'ada.admin@example.test', role: 'Administrator', name: 'Ada Admin', password: 'admin password for e2e' },
  dispatcher: { email: 'dora.dispatch@example.test', role: 'Dispatcher', name: 'Dora Dispatch', password: 'dispatcher password e2e' },
  technician: { email: 'tom.tech@example.test', role: 'Technician', name: 'Tom Tech', password: 'technician password e2e' },
};

/**
 * Starts the server and, when the server does not serve the web app itself, `vite preview` in
 * front of it. Returns the app's base URL, the server's API URL and a stop function.
 */
export async function startStack() {
  const configuration = process.env.WORKDESK_CONFIGURATION ?? 'Debug';
  const dll = path.join(repoDir, 'src', 'Workdesk.Server', 'bin', configuration, 'net10.0', 'workdesk.dll');
  if (!existsSync(dll)) {
    throw new Error(`${dll} is missing: build the server first (dotnet build src/Workdesk.Server -c ${configuration}).`);
  }
  const builtIndex = path.join(repoDir, 'src', 'Workdesk.Server', 'wwwroot', 'index.html');
  if (!existsSync(builtIndex)) {
    throw new Error('The web app is not built: run `npm run build` in web/ first.');
  }
  // The server serves the copy of the app made by its last dotnet build. After a later
  // `npm run build` that copy is stale; index.html names the hashed bundles, so it shows that.
  const servedIndex = path.join(path.dirname(dll), 'wwwroot', 'index.html');
  const serverCopyIsCurrent = existsSync(servedIndex) && readFileSync(servedIndex, 'utf8') === readFileSync(builtIndex, 'utf8');

  const dataDir = mkdtempSync(path.join(tmpdir(), 'workdesk-e2e-'));
  for (const person of Object.values(people)) {
    await run('dotnet', [dll, '--data-dir', dataDir, 'user', 'add', '--email', person.email, '--role', person.role,
      '--name', person.name, '--password', person.password], { cwd: dataDir });
  }

  const apiPort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const server = spawn('dotnet', [dll, '--data-dir', path.join(dataDir), '--urls', apiUrl], {
    cwd: dataDir, stdio: ['ignore', 'ignore', 'inherit'],
  });
  let preview = null;
  const stopAll = () => {
    stop(preview);
    stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitFor(`${apiUrl}/health`, 60000, server);
    let appUrl = apiUrl;
    const probe = await fetch(`${apiUrl}/r/probe`);
    const servesApp = serverCopyIsCurrent && probe.ok && (await probe.text()).includes('<div id="root">');
    if (!servesApp) {
      // The server has no copy of the app beside workdesk.dll, or an older one: vite preview
      // serves the current build and forwards /api and /hubs to the server.
      const previewPort = await freePort();
      appUrl = `http://127.0.0.1:${previewPort}`;
      preview = spawn(process.execPath, [path.join(webDir, 'node_modules', 'vite', 'bin', 'vite.js'), 'preview',
        '--port', String(previewPort), '--strictPort'], {
        cwd: webDir, env: { ...process.env, WORKDESK_API_URL: apiUrl }, stdio: ['ignore', 'ignore', 'inherit'],
      });
      await waitFor(appUrl, 30000, preview);
    }
    return { appUrl, apiUrl, servesApp, stop: stopAll };
  } catch (error) {
    stopAll();
    throw error;
  }
}

/** Signs in through the API and returns a function that calls the API with that session. */
export async function apiSession(apiUrl, person) {
  const response = await fetch(`${apiUrl}/api/v1/auth/sign-in`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: person.email, password: person.password }),
  });
  if (!response.ok) throw new Error(`Sign-in as ${person.email} failed with ${response.status}.`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return async (method, urlPath, body, headers = {}) => {
    const result = await fetch(`${apiUrl}${urlPath}`, {
      method,
      headers: { Cookie: cookie, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await result.text();
    if (!result.ok) throw new Error(`${method} ${urlPath} answered ${result.status}: ${text}`);
    return { body: text ? JSON.parse(text) : null, etag: result.headers.get('ETag') };
  };
}
