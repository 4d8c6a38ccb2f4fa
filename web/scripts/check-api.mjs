// Fails when src/api/schema.ts no longer matches openapi/workdesk.json, so a build never ships a
// client generated from an older server. Fix a failure with `npm run gen:api`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cliPath = path.join(webDir, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');

/** Runs openapi-typescript on specPath and writes the client types to outPath. */
export function generateClient(specPath, outPath) {
  execFileSync(process.execPath, [cliPath, specPath, '--output', outPath], { stdio: 'pipe' });
}

/** Regenerates the client into a temporary file and returns whether the checked-in one differs. */
export function isClientStale(specPath, schemaPath) {
  const tempDir = mkdtempSync(path.join(tmpdir(), 'workdesk-api-'));
  try {
    const freshPath = path.join(tempDir, 'schema.ts');
    generateClient(specPath, freshPath);
    let checkedIn;
    try {
      checkedIn = readFileSync(schemaPath, 'utf8');
    } catch {
      return true;
    }
    return readFileSync(freshPath, 'utf8') !== checkedIn;
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const specPath = path.join(webDir, 'openapi', 'workdesk.json');
  const schemaPath = path.join(webDir, 'src', 'api', 'schema.ts');
  if (isClientStale(specPath, schemaPath)) {
    console.error(
      'check:api failed: src/api/schema.ts is stale or missing for openapi/workdesk.json.\n' +
        'Run `npm run gen:api` and commit the new src/api/schema.ts.',
    );
    process.exit(1);
  }
  console.log('check:api: src/api/schema.ts matches openapi/workdesk.json');
}
