import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../src/locales/en.json';

const srcDir = path.resolve(__dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && name !== 'schema.ts' ? [full] : [];
  });
}

function hasKey(key: string): boolean {
  let node: unknown = en;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return false;
    const record = node as Record<string, unknown>;
    node = part in record ? record[part] : record[`${part}_other`];
  }
  return node !== undefined;
}

describe('en.json', () => {
  it('has every literal key the components use', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(srcDir)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        if (!hasKey(match[1])) missing.push(`${path.relative(srcDir, file)}: ${match[1]}`);
      }
      for (const match of text.matchAll(/label: '([a-zA-Z0-9_.]+)'/g)) {
        if (!hasKey(match[1])) missing.push(`${path.relative(srcDir, file)}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names every status, priority, role and type', () => {
    for (const status of ['open', 'assigned', 'in_progress', 'on_hold', 'completed', 'closed', 'cancelled', 'reopened']) {
      expect(hasKey(`status.${status}`), status).toBe(true);
      expect(hasKey(`requesterStatus.${status}`), status).toBe(true);
    }
    for (const priority of ['low', 'medium', 'high', 'urgent']) expect(hasKey(`priority.${priority}`)).toBe(true);
    for (const role of ['administrator', 'dispatcher', 'technician', 'requester', 'vendor']) expect(hasKey(`role.${role}`)).toBe(true);
    for (const type of ['corrective', 'preventive', 'inspection', 'incident', 'service_request']) {
      expect(hasKey(`workOrderType.${type}`), type).toBe(true);
    }
  });
});
