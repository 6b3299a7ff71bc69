import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSimCameras } from '../../../camera-agent/sim-fleet-seed';
import { registeredSimCameras } from '../../../camera-agent/simulator/fleet-from-db';
import { pointDemoCamerasAt } from '../../../camera-agent/simulator/point-demo-cameras';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

describe('demo cameras follow the simulator to another port (XUELIANG_SIM_PORT)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('moves loopback simulator addresses only, drops their cached media URIs, and is idempotent', async () => {
    await registerSimCameras(db.pool, { count: 3, port: 18080 });
    await db.pool.query(
      "INSERT INTO cameras (device_id, name, type, geom, height_m, onvif_url, source) VALUES ('34010000001320999999', 'real', 'fixed', ST_SetSRID(ST_MakePoint(117.3, 31.9), 4326), 6, 'http://10.1.2.3:80/onvif/device_service', 'ledger')",
    );
    await db.pool.query(
      'INSERT INTO camera_poll_state (camera_id, next_due_at, uri_cache) SELECT id, now(), \'{"snapshot":"http://127.0.0.1:18080/x.jpg"}\' FROM cameras',
    );
    expect(await pointDemoCamerasAt(db.pool, 18099)).toBe(3);
    // The simulator on the new port now finds the fleet; the real camera kept its address.
    expect(await registeredSimCameras(db.pool, 18099)).toHaveLength(3);
    expect(await registeredSimCameras(db.pool, 18080)).toHaveLength(0);
    const real = await db.pool.query<{ onvif_url: string; uri_cache: unknown }>(
      "SELECT c.onvif_url, p.uri_cache FROM cameras c JOIN camera_poll_state p ON p.camera_id = c.id WHERE c.source = 'ledger'",
    );
    expect(real.rows[0]).toEqual({
      onvif_url: 'http://10.1.2.3:80/onvif/device_service',
      uri_cache: { snapshot: 'http://127.0.0.1:18080/x.jpg' },
    });
    const caches = await db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM camera_poll_state p JOIN cameras c ON c.id = p.camera_id WHERE c.source = 'simulator' AND p.uri_cache IS NOT NULL",
    );
    expect(caches.rows[0]!.n).toBe(0);
    expect(await pointDemoCamerasAt(db.pool, 18099)).toBe(0);
  });
});
