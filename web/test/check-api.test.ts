import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error The check script is plain JavaScript without type declarations.
import { generateClient, isClientStale } from '../scripts/check-api.mjs';

const webDir = path.resolve(__dirname, '..');

describe('check:api', () => {
  let dir: string;
  let specPath: string;
  let schemaPath: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'check-api-test-'));
    specPath = path.join(dir, 'workdesk.json');
    schemaPath = path.join(dir, 'schema.ts');
    copyFileSync(path.join(webDir, 'openapi', 'workdesk.json'), specPath);
    generateClient(specPath, schemaPath);
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('passes a freshly generated client', () => {
    expect(isClientStale(specPath, schemaPath)).toBe(false);
  });

  it('fails after the server adds an endpoint', () => {
    const spec = JSON.parse(readFileSync(specPath, 'utf8'));
    spec.paths['/api/v1/added-later'] = { get: { operationId: 'AddedLater', responses: { 200: { description: 'OK' } } } };
    writeFileSync(specPath, JSON.stringify(spec));
    expect(isClientStale(specPath, schemaPath)).toBe(true);
  });

  it('fails when the client is missing', () => {
    rmSync(schemaPath);
    expect(isClientStale(specPath, schemaPath)).toBe(true);
  });
});
