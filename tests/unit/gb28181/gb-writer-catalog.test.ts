// A lower platform's catalog is streamed to the writer page by page (queries.ts); the writer
// merges the pages of one catalog queued between two flushes into one batch, so a 20,000-channel
// catalog costs one statement per flush, not one per page, and no page is held twice.
import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { GbWriter } from '../../../camera-agent/gb28181/gb-writer';
import type { CatalogItem } from '../../../camera-agent/gb28181/manscdp';

const item = (n: number): CatalogItem => ({
  deviceId: `3401000000132${String(n).padStart(7, '0')}`,
  name: `通道${n}`,
  manufacturer: '',
  model: '',
  owner: '',
  civilCode: '340100',
  parentId: '34010000002000000002',
  address: '',
  status: 'ON',
  longitude: null,
  latitude: null,
  parental: false,
});

// No flush happens in these tests: the pool is never used.
const writer = (): GbWriter => new GbWriter({} as pg.Pool);
const PLATFORM = '34010000002000000002';
const AT = '2026-12-07T10:00:00.000Z';

describe('GbWriter catalog pages', () => {
  it('merges the pages of one catalog into one batch until it is complete', () => {
    const w = writer();
    for (let p = 0; p < 50; p++) w.catalog({ deviceId: PLATFORM, seenAt: AT, complete: false, items: [item(p * 2), item(p * 2 + 1)] });
    expect(w.pending).toBe(1);
    w.catalog({ deviceId: PLATFORM, seenAt: AT, complete: true, items: [] });
    expect(w.pending).toBe(1);
    // A later catalog of the same device (another seenAt) is its own batch.
    w.catalog({ deviceId: PLATFORM, seenAt: '2026-12-07T11:00:00.000Z', complete: false, items: [item(1)] });
    expect(w.pending).toBe(2);
  });

  it('keeps the catalogs of different devices apart even when their pages interleave', () => {
    const w = writer();
    const other = '34010000002000000003';
    for (let p = 0; p < 10; p++) {
      w.catalog({ deviceId: PLATFORM, seenAt: AT, complete: false, items: [item(p)] });
      w.catalog({ deviceId: other, seenAt: AT, complete: false, items: [item(100 + p)] });
    }
    expect(w.pending).toBe(2);
  });

  it('does not keep a reference to the caller’s page array', () => {
    const w = writer();
    const page = [item(1)];
    w.catalog({ deviceId: PLATFORM, seenAt: AT, complete: false, items: page });
    w.catalog({ deviceId: PLATFORM, seenAt: AT, complete: false, items: [item(2)] });
    expect(page).toHaveLength(1);
  });
});
