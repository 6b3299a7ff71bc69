import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../web/src/i18n/en';
import { zh } from '../../../web/src/i18n/zh';
import {
  canCommit,
  canImport,
  errorKey,
  mappingRows,
  moreRejectionsQuery,
  REJECT_CODES,
  rejectMessageKey,
  summaryKey,
  uploadQuery,
} from '../../../web/src/imports/ledger-report';

const repoRoot = join(__dirname, '..', '..', '..');
const lookup = (dict: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], dict);
const counts = (
  c: Partial<{ rows: number; add: number; update: number; unchanged: number; reject: number; assumed: number; skipped: number }>,
) => ({
  rows: 0,
  add: 0,
  update: 0,
  unchanged: 0,
  reject: 0,
  assumed: 0,
  skipped: 0,
  ...c,
});

describe('ledger import: reject reasons in the user language', () => {
  it('knows every reject code the importer can emit, so no rejection shows up untranslated', () => {
    const src = readFileSync(join(repoRoot, 'gis-data', 'ledger', 'validate-row.ts'), 'utf8');
    const union = /export type RejectCode =([^;]+);/.exec(src)![1]!;
    const codes = [...union.matchAll(/'([a-z0-9_]+)'/g)].map((m) => m[1]).sort();
    expect(codes.length).toBeGreaterThan(5);
    expect([...REJECT_CODES].sort()).toEqual(codes);
  });

  it('has a zh and an en message for every reject code', () => {
    for (const code of REJECT_CODES) {
      const key = rejectMessageKey(code)!;
      expect(typeof lookup(zh, key), `zh ${key}`).toBe('string');
      expect(typeof lookup(en, key), `en ${key}`).toBe('string');
      expect(lookup(zh, key)).not.toEqual(lookup(en, key));
    }
  });

  it('falls back to the server message for a code this build does not know', () => {
    expect(rejectMessageKey('some_future_code')).toBeNull();
  });

  it('explains 413 and 422 with their own messages in both languages', () => {
    expect(errorKey(413)).toBe('imports.error.tooLarge');
    expect(errorKey(422)).toBe('imports.error.unreadable');
    expect(errorKey(404)).toBe('imports.error.expired');
    expect(errorKey(500)).toBe('imports.error.generic');
    for (const s of [400, 401, 403, 404, 413, 422, 500]) {
      expect(typeof lookup(zh, errorKey(s))).toBe('string');
      expect(typeof lookup(en, errorKey(s))).toBe('string');
    }
  });
});

describe('ledger import: what the report allows next', () => {
  it('lets a clean dry run commit but requires "skip invalid rows" when rows are rejected (the server would write nothing)', () => {
    expect(canCommit({ counts: counts({ add: 3 }) }, false)).toBe(true);
    expect(canCommit({ counts: counts({ add: 3, reject: 1 }) }, false)).toBe(false);
    expect(canCommit({ counts: counts({ add: 3, reject: 1 }) }, true)).toBe(true);
    expect(canCommit({ counts: counts({ reject: 4 }) }, true)).toBe(false);
  });

  it('summarises dry runs and commits differently, and says when a commit wrote nothing', () => {
    expect(summaryKey({ dryRun: true, committed: false, counts: counts({ add: 1 }) })).toBe('imports.summary.clean');
    expect(summaryKey({ dryRun: true, committed: false, counts: counts({ add: 1, reject: 2 }) })).toBe('imports.summary.withRejections');
    expect(summaryKey({ dryRun: false, committed: true, counts: counts({ add: 1 }) })).toBe('imports.summary.committed');
    expect(summaryKey({ dryRun: false, committed: false, counts: counts({ reject: 1 }) })).toBe('imports.summary.notCommitted');
  });

  // Regression (issue 15 item 1): a run that stopped at the row or rejected-row limit read only
  // part of its file; the panel must not offer to commit it, and must say why.
  it('never offers to commit a run that stopped early, and says that it stopped', () => {
    const stopped = { reason: 'rejection_limit' as const, row: 10_002, message: 'stopped' };
    expect(canCommit({ counts: counts({ add: 3, reject: 1 }), stopped }, true)).toBe(false);
    expect(summaryKey({ dryRun: true, committed: false, counts: counts({ add: 1, reject: 2 }), stopped })).toBe('imports.summary.stopped');
    expect(summaryKey({ dryRun: false, committed: false, counts: counts({ reject: 2 }), stopped })).toBe('imports.summary.stopped');
    expect(typeof lookup(zh, 'imports.summary.stopped')).toBe('string');
    expect(typeof lookup(en, 'imports.summary.stopped')).toBe('string');
  });

  it('pages the rejected rows beyond those in the report: the first "more" reloads 200 from the start, then follows the cursor', () => {
    expect(moreRejectionsQuery(null)).toEqual({ limit: 200 });
    expect(moreRejectionsQuery('cj0xMjM6MTIz')).toEqual({ limit: 100, cursor: 'cj0xMjM6MTIz' });
  });

  it('lists the detected mapping in a stable order', () => {
    expect(mappingRows({ 经度: 'lon', 设备编码: 'device_id', azimuth: 'azimuth_deg' }).map((m) => m.column)).toHaveLength(3);
    const rows = mappingRows({ b: 'lat', a: 'lon' });
    expect(rows).toEqual([
      { source: 'a', column: 'lon' },
      { source: 'b', column: 'lat' },
    ]);
  });

  it('leaves format out of the upload query on "auto" so the server detects it', () => {
    expect(uploadQuery('ledger.csv', 'auto', 'wgs84')).toEqual({ fileName: 'ledger.csv', crs: 'wgs84' });
    expect(uploadQuery('x.json', 'osm-json', 'gcj02')).toEqual({ fileName: 'x.json', format: 'osm-json', crs: 'gcj02' });
    expect(uploadQuery('a'.repeat(300), 'auto', 'wgs84').fileName).toHaveLength(200);
  });

  it('shows the import tab to engineers and admins only', () => {
    expect(canImport('engineer')).toBe(true);
    expect(canImport('admin')).toBe(true);
    expect(canImport('viewer')).toBe(false);
    expect(canImport('operator')).toBe(false);
  });
});
