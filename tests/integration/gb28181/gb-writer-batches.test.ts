// How the SIP server's writer batches gb_devices. Keepalives go as a narrow batch (time and source
// address; update-keepalives.sql) instead of each session's whole row: what a keepalive changes is
// stored, what it does not change is kept, a device that changed otherwise in the same flush is
// written whole, and keepalives queued while the database is down are written when it is back.
// Whole rows go in statements of DEVICE_ROWS_PER_STATEMENT, all in one transaction.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_ROWS_PER_STATEMENT, GbWriter } from '../../../camera-agent/gb28181/gb-writer';
import type { DeviceSession } from '../../../camera-agent/gb28181/session';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

const T0 = Date.parse('2026-12-07T10:00:00.000Z');

function session(deviceId: string): DeviceSession {
  return {
    deviceId,
    kind: 'camera',
    cameraId: null,
    peer: { transport: 'UDP', address: '127.0.0.1', port: 5061 },
    contact: `<sip:${deviceId}@127.0.0.1:5061>`,
    registered: true,
    registeredAt: T0,
    expiresAt: T0 + 3_600_000,
    lastKeepaliveAt: null,
    lastAliveAt: T0,
    intervalMs: 60_000,
    online: true,
    since: T0,
    reason: 'registered',
    info: { deviceName: 'IPC', manufacturer: 'Hikvision', model: 'DS-2CD', firmware: 'V5.4.0', serial: 'S1', channels: 1 },
    catalogState: 'complete',
    catalogSumNum: 1,
    catalogItems: 1,
    catalogAt: T0,
    status: { online: 'ONLINE', result: 'OK', at: T0 },
    nextQueryAt: T0 + 3_600_000,
    querying: false,
  };
}

const row = async (id: string) =>
  (
    await db.pool.query<Record<string, unknown>>(
      `SELECT extract(epoch FROM last_keepalive_at) * 1000 AS keepalive_ms, extract(epoch FROM last_alive_at) * 1000 AS alive_ms,
              remote_port, remote_address, transport, online, reason, device_name, firmware, catalog_state, registered
       FROM gb_devices WHERE device_id = $1`,
      [id],
    )
  ).rows[0]!;

describe('keepalive writes', () => {
  it('stores the keepalive time and source port and leaves the rest of the row as it was', async () => {
    const writer = new GbWriter(db.pool);
    const s = session('34010000001320000001');
    writer.device(s);
    await writer.flush();
    expect(Number((await row(s.deviceId)).keepalive_ms ?? 0)).toBe(0);
    s.lastKeepaliveAt = T0 + 60_123;
    s.lastAliveAt = T0 + 60_123;
    s.peer = { transport: 'UDP', address: '127.0.0.1', port: 5071 };
    writer.keepalive(s);
    expect(writer.pending).toBe(1);
    await writer.flush();
    expect(writer.stats).toMatchObject({ keepaliveRows: 1, deviceRows: 1, failedFlushes: 0 });
    expect(await row(s.deviceId)).toMatchObject({
      keepalive_ms: T0 + 60_123,
      alive_ms: T0 + 60_123,
      remote_port: 5071,
      online: true,
      reason: 'registered',
      device_name: 'IPC',
      firmware: 'V5.4.0',
      catalog_state: 'complete',
      registered: true,
    });
  });

  it('writes a device queued whole and kept alive in the same flush whole (its state changed, not only its time)', async () => {
    const writer = new GbWriter(db.pool);
    const s = session('34010000001320000002');
    writer.device(s);
    await writer.flush();
    s.online = false;
    s.reason = 'keepalive-missed';
    writer.device(s);
    s.online = true;
    s.reason = 'keepalive';
    s.lastKeepaliveAt = T0 + 200_000;
    s.lastAliveAt = T0 + 200_000;
    writer.keepalive(s);
    await writer.flush();
    expect(writer.stats).toMatchObject({ keepaliveRows: 0, deviceRows: 2 });
    expect(await row(s.deviceId)).toMatchObject({ keepalive_ms: T0 + 200_000, online: true, reason: 'keepalive' });
  });

  it('keeps keepalives while the database is unreachable and writes them when it is back', async () => {
    const s = session('34010000001320000003');
    const ok = new GbWriter(db.pool);
    ok.device(s);
    await ok.flush();
    const url = new URL(db.url);
    url.port = '1'; // nothing listens there: every flush fails
    const down = new pg.Pool({ connectionString: url.toString(), connectionTimeoutMillis: 2000 });
    // The writer asks for connections only: first from a pool whose server is unreachable, then from the real one.
    let current: pg.Pool = down;
    const switching = { connect: () => current.connect() } as unknown as pg.Pool;
    const errors: Error[] = [];
    const writer = new GbWriter(switching, { onError: (err) => errors.push(err) });
    s.lastKeepaliveAt = T0 + 61_000;
    s.lastAliveAt = T0 + 61_000;
    writer.keepalive(s);
    await writer.flush();
    await down.end();
    expect(errors).toHaveLength(1);
    expect(writer.pending).toBe(1);
    // Back: the same queued keepalive goes out through a working pool.
    current = db.pool;
    await writer.flush();
    expect(writer.pending).toBe(0);
    expect((await row(s.deviceId)).keepalive_ms).toBe(T0 + 61_000);
  });

  it('writes a registration storm in several statements of one transaction: all rows or, on a failure, none and all kept', async () => {
    const n = DEVICE_ROWS_PER_STATEMENT * 2 + 500;
    const sessions = Array.from({ length: n }, (_, i) => session(`3401000000132${String(100_000 + i).padStart(7, '0')}`));
    const writer = new GbWriter(db.pool, { onError: () => undefined });
    for (const s of sessions) writer.device(s);
    // A row the table refuses, in the last statement: the statements before it are rolled back too.
    const last = sessions[n - 1]!;
    last.kind = 'bogus' as DeviceSession['kind'];
    await writer.flush();
    const count = async (): Promise<number> =>
      (await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM gb_devices WHERE device_id LIKE '340100000013201%'")).rows[0]!.n;
    expect(writer.stats.failedFlushes).toBe(1);
    expect(await count()).toBe(0);
    expect(writer.pending).toBe(n);
    last.kind = 'camera';
    await writer.flush();
    expect(await count()).toBe(n);
    expect(writer.stats.deviceRows).toBe(n);
  });
});
