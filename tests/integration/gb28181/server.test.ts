import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptSecret } from '../../../db/credentials';
import { cameraId, channel, deviceSpec, eventually, SERVER_ID, startWorld, type GbWorld } from './gb-fixture';

let w: GbWorld;
beforeAll(async () => {
  w = await startWorld(40);
});
afterAll(async () => {
  await w.close();
});

const deviceRow = async (id: string) =>
  (await w.db.pool.query('SELECT * FROM gb_devices WHERE device_id = $1', [id])).rows[0] as Record<string, unknown> | undefined;
const eventKinds = async (id: string): Promise<string[]> =>
  (await w.db.pool.query<{ kind: string }>('SELECT kind FROM gb_events WHERE device_id = $1 ORDER BY id', [id])).rows.map((r) => r.kind);

describe('GB/T 28181 registration', () => {
  it('registers a camera with digest (its own ledger password), sends Date for time sync, and stores it registered and online', async () => {
    const [dev] = await w.sim.add([deviceSpec(cameraId(1), { password: 'own-pass' })]);
    expect(await dev!.register()).toBe(200);
    expect(dev!.serverDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
    const row = await eventually(async () => deviceRow(cameraId(1)), 'the device row');
    expect(row).toMatchObject({ registered: true, online: true, kind: 'camera', transport: 'UDP', reason: 'registered' });
    expect(row.camera_id).not.toBeNull();
    expect(await eventKinds(cameraId(1))).toContain('registered');
  });

  it('refuses a wrong password with 403 (no re-challenge loop), keeps no session, and records auth-failed once', async () => {
    const [dev] = await w.sim.add([deviceSpec(cameraId(2), { faults: { wrongPassword: 'nope' } })]);
    expect(await dev!.register()).toBe(403);
    expect(await dev!.register()).toBe(403);
    expect(w.gb.server.sessions.has(cameraId(2))).toBe(false);
    await eventually(async () => (await eventKinds(cameraId(2))).includes('auth-failed'), 'auth-failed event');
    expect((await eventKinds(cameraId(2))).filter((k) => k === 'auth-failed')).toHaveLength(1);
    expect(await deviceRow(cameraId(2))).toBeUndefined();
  });

  it('does not let the platform-wide password stand in for a camera that has its own', async () => {
    await w.db.pool.query('UPDATE cameras SET gb_password_enc = $1 WHERE device_id = $2', [encryptSecret('cam3-pass'), cameraId(3)]);
    await w.gb.registry.load(w.db.pool);
    const [dev] = await w.sim.add([deviceSpec(cameraId(3))]);
    expect(await dev!.register()).toBe(403);
  });

  it('keeps a device online while it keeps alive, offline after 3 missed keepalives, online again when they resume', async () => {
    const [dev] = await w.sim.add([deviceSpec(cameraId(4))]);
    expect(await dev!.register()).toBe(200);
    expect(await dev!.keepalive()).toBe(200);
    await eventually(async () => (await deviceRow(cameraId(4)))?.last_keepalive_at !== null, 'keepalive stored');
    dev!.spec.faults.missKeepalives = true;
    const offline = await eventually(async () => {
      const r = await deviceRow(cameraId(4));
      return r?.online === false ? r : undefined;
    }, 'offline');
    expect(offline).toMatchObject({ registered: true, reason: 'keepalive-missed' });
    // Not before 3 intervals of silence: the offline moment is at least 3 × 400 ms after the last sign of life.
    const silentMs = new Date(offline.since as Date).getTime() - new Date(offline.last_keepalive_at as Date).getTime();
    expect(silentMs).toBeGreaterThanOrEqual(3 * 400);
    dev!.spec.faults.missKeepalives = false;
    expect(await dev!.keepalive()).toBe(200);
    await eventually(async () => (await deviceRow(cameraId(4)))?.online === true, 'online again');
    expect(await eventKinds(cameraId(4))).toEqual(expect.arrayContaining(['registered', 'offline', 'online']));
  });

  it('unregisters on Expires: 0, and expires a registration that is not refreshed', async () => {
    const [a, b] = await w.sim.add([deviceSpec(cameraId(5)), deviceSpec(cameraId(6), { expiresS: 2 })]);
    expect(await a!.register()).toBe(200);
    expect(await b!.register()).toBe(200);
    await a!.stop(true);
    await b!.stop(false);
    await eventually(async () => (await deviceRow(cameraId(5)))?.registered === false, 'unregistered');
    expect(await deviceRow(cameraId(5))).toMatchObject({ online: false, reason: 'unregistered' });
    await eventually(async () => (await deviceRow(cameraId(6)))?.reason === 'expired', 'expired', 10_000);
    expect(w.gb.server.sessions.has(cameraId(5))).toBe(false);
    expect(w.gb.server.sessions.has(cameraId(6))).toBe(false);
  });

  it('refuses keepalives from a device that is not registered', async () => {
    const [dev] = await w.sim.add([deviceSpec(cameraId(7))]);
    expect(await dev!.keepalive()).toBe(403);
  });
});

describe('GB/T 28181 catalog and device queries', () => {
  it('takes a lower platform catalog split over many GB2312 messages, matches channels to the registry and reports unknown codes', async () => {
    const platformId = '34010000002000000009';
    const channels = [
      channel('34010000', '演示市'),
      ...Array.from({ length: 30 }, (_, i) =>
        channel(cameraId(10 + i), `演示路口${i + 1}号`, { status: i % 5 === 0 ? 'OFF' : 'ON', parentId: platformId }),
      ),
      channel('34010000001329999998', '未登记摄像机'),
    ];
    const [platform] = await w.sim.add([deviceSpec(platformId, { channels, catalogPerMessage: 4, encoding: 'gb2312' })]);
    expect(await platform!.register()).toBe(200);
    const row = await eventually(async () => {
      const r = await deviceRow(platformId);
      return r?.catalog_state === 'complete' && r.manufacturer !== null ? r : undefined;
    }, 'complete catalog');
    expect(row).toMatchObject({ kind: 'platform', catalog_sum_num: 32, catalog_items: 32, manufacturer: 'SimVendor', firmware: 'V5.4.0' });
    expect(platform!.counts.catalogPagesSent).toBe(8);
    const stored = await w.db.pool.query<{ channel_id: string; name: string; status: string; camera_id: string | null; lon: number }>(
      'SELECT channel_id, name, status, camera_id, ST_X(geom) AS lon FROM gb_channels WHERE device_id = $1 ORDER BY channel_id',
      [platformId],
    );
    expect(stored.rows).toHaveLength(32);
    const first = stored.rows.find((r) => r.channel_id === cameraId(10))!;
    expect([first.name, first.status, first.camera_id !== null, first.lon]).toEqual(['演示路口1号', 'OFF', true, 117.21]);
    expect(stored.rows.find((r) => r.channel_id === '34010000001329999998')!.camera_id).toBeNull();
    const unknown = await w.db.pool.query('SELECT channel_id FROM gb_events WHERE device_id = $1 AND kind = $2', [
      platformId,
      'unknown-channel',
    ]);
    expect(unknown.rows.map((r) => r.channel_id)).toEqual(['34010000001329999998']);
    expect(await w.db.pool.query('SELECT 1 FROM cameras WHERE device_id = $1', ['34010000001329999998'])).toMatchObject({ rowCount: 0 });
  });

  it('records a catalog that is never answered as timed out, without blocking the device', async () => {
    const [dev] = await w.sim.add([deviceSpec(cameraId(40), { faults: { silentCatalog: true } })]);
    expect(await dev!.register()).toBe(200);
    const row = await eventually(async () => {
      const r = await deviceRow(cameraId(40));
      return r?.catalog_state === 'timeout' ? r : undefined;
    }, 'catalog timeout');
    expect(row.online).toBe(true);
    expect(await eventKinds(cameraId(40))).toContain('catalog-timeout');
  });

  it('keeps DeviceInfo per camera: inventory from GB/T 28181 shows in camera_inventory', async () => {
    const [dev] = await w.sim.add([
      deviceSpec(cameraId(8), { info: { manufacturer: 'Hikvision', model: 'DS-2CD3T46', firmware: 'V5.5.0', serial: 'DS-2CD3T46-0001' } }),
    ]);
    expect(await dev!.register()).toBe(200);
    const inv = await eventually(async () => {
      const r = await w.db.pool.query(
        "SELECT i.* FROM camera_inventory i JOIN cameras c ON c.id = i.camera_id WHERE c.device_id = $1 AND i.source = 'gb28181' AND i.serial IS NOT NULL",
        [cameraId(8)],
      );
      return r.rows[0] as Record<string, unknown> | undefined;
    }, 'inventory');
    expect(inv).toMatchObject({ manufacturer: 'Hikvision', model: 'DS-2CD3T46', firmware: 'V5.5.0', serial: 'DS-2CD3T46-0001' });
  });

  it('accepts an unknown camera code with the platform password but reports it, and never adds it to the registry', async () => {
    const stranger = '34010000001329999997';
    const [dev] = await w.sim.add([deviceSpec(stranger)]);
    expect(await dev!.register()).toBe(200);
    await eventually(async () => (await eventKinds(stranger)).includes('unknown-device'), 'unknown-device event');
    expect((await deviceRow(stranger))?.camera_id).toBeNull();
    expect(await w.db.pool.query('SELECT 1 FROM cameras WHERE device_id = $1', [stranger])).toMatchObject({ rowCount: 0 });
    expect(SERVER_ID).toHaveLength(20);
  });
});
