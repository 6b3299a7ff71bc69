// Registers a fleet of simulated cameras in a database of one's own (benchmarks, tests), without
// depending on the demo generator.
import type pg from 'pg';
import { encryptSecret } from '../db/credentials';
import { loadSql } from '../db/sql';

const INSERT = loadSql(import.meta.url, 'sql/insert-sim-cameras.sql');

export async function registerSimCameras(
  db: Pick<pg.Pool, 'query'>,
  opts: { count: number; port: number; password?: string; firstSerial?: number },
): Promise<string[]> {
  const password = opts.password ?? process.env.XUELIANG_DEMO_CAMERA_PASSWORD ?? 'demo-camera-pass';
  await db.query(INSERT, [opts.count, opts.port, encryptSecret(password), opts.firstSerial ?? 0]);
  const { rows } = await db.query<{ deviceId: string }>('SELECT device_id AS "deviceId" FROM cameras WHERE onvif_url LIKE $1 ORDER BY id', [
    `http://127.0.0.1:${opts.port}/onvif/%`,
  ]);
  return rows.map((r) => r.deviceId);
}
