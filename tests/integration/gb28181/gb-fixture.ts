// A test database with a few registry cameras, the SIP server on an ephemeral loopback port
// with short intervals, and a simulator fleet pointed at it.
import { encryptSecret } from '../../../db/credentials';
import type { GbConfig } from '../../../camera-agent/gb28181/config';
import { startGbServer, type RunningGbServer } from '../../../camera-agent/gb28181/start-server';
import { GbSimulator, type SimSpec } from '../../../camera-agent/gb28181/simulator/fleet';
import type { SimChannel } from '../../../camera-agent/gb28181/simulator/catalog-xml';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

export const SERVER_ID = '34010000002000000001';
export const DEFAULT_PASSWORD = 'platform-pass';

export const FAST_GB: Partial<GbConfig> = {
  keepaliveIntervalMs: 400,
  keepaliveMissed: 3,
  minExpiresS: 1,
  answerTimeoutMs: 1500,
  transactionTimeoutMs: 3000,
  retryMs: 60_000,
  refreshMs: 3_600_000,
  flushMs: 100,
};

export const cameraId = (serial: number): string => `34010000001320${String(serial).padStart(6, '0')}`;

export interface GbWorld {
  db: TestDatabase;
  gb: RunningGbServer;
  sim: GbSimulator;
  close(): Promise<void>;
}

/** Registry: cameras 1..count; camera 1 has its own GB password 'own-pass'. */
export async function startWorld(count: number, overrides: Partial<GbConfig> = {}): Promise<GbWorld> {
  const db = await createTestDatabase();
  await db.pool.query(
    `INSERT INTO cameras (device_id, name, type, geom, height_m, source)
     SELECT '34010000001320' || lpad(g::text, 6, '0'), 'cam ' || g, 'fixed', ST_SetSRID(ST_MakePoint(117.2 + g * 0.001, 31.8), 4326), 6, 'test'
     FROM generate_series(1, $1::int) g`,
    [count],
  );
  await db.pool.query('UPDATE cameras SET gb_password_enc = $1 WHERE device_id = $2', [encryptSecret('own-pass'), cameraId(1)]);
  const gb = await startGbServer(db.pool, {
    host: '127.0.0.1',
    port: 0,
    serverId: SERVER_ID,
    defaultPassword: DEFAULT_PASSWORD,
    ...FAST_GB,
    ...overrides,
  });
  const sim = new GbSimulator({ server: { address: '127.0.0.1', port: gb.server.port }, serverId: SERVER_ID, udpSockets: 2 });
  return {
    db,
    gb,
    sim,
    async close() {
      await sim.close(false).catch(() => undefined);
      await gb.stop().catch(() => undefined);
      await db.drop();
    },
  };
}

export function channel(id: string, name: string, extra: Partial<SimChannel> = {}): SimChannel {
  return {
    deviceId: id,
    name,
    status: 'ON',
    longitude: 117.21,
    latitude: 31.81,
    civilCode: '34010000',
    parentId: SERVER_ID,
    manufacturer: 'SimVendor',
    model: 'SIM-IPC',
    owner: '公安',
    address: '演示路',
    ...extra,
  };
}

export function deviceSpec(deviceId: string, over: Partial<SimSpec> = {}): SimSpec {
  return {
    deviceId,
    password: DEFAULT_PASSWORD,
    name: `dev ${deviceId.slice(-4)}`,
    keepaliveIntervalMs: FAST_GB.keepaliveIntervalMs!,
    expiresS: 3600,
    channels: [channel(deviceId, `摄像机 ${deviceId.slice(-3)}`)],
    catalogPerMessage: 1,
    encoding: 'gb2312',
    info: { manufacturer: 'SimVendor', model: 'SIM-IPC', firmware: 'V5.4.0', serial: `SN${deviceId.slice(-6)}` },
    faults: {},
    transport: 'UDP',
    ...over,
  };
}

/** Polls `fn` until it returns a truthy value (behaviour, not timing: the limit is generous). */
export async function eventually<T>(fn: () => Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
