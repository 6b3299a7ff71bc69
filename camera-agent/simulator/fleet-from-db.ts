// The simulated fleet is the registered cameras whose ONVIF address points at this simulator
// (http://127.0.0.1:<port>/onvif/<device_id>/device_service, as the demo generator writes it).
import type pg from 'pg';
import type { SimCameraInit } from './camera';

export async function registeredSimCameras(db: Pick<pg.Pool, 'query'>, port: number): Promise<SimCameraInit[]> {
  const { rows } = await db.query<{ deviceId: string; user: string | null }>(
    'SELECT device_id AS "deviceId", onvif_user AS user FROM cameras WHERE onvif_url LIKE $1 AND removal_date IS NULL ORDER BY id',
    [`http://127.0.0.1:${port}/onvif/%`],
  );
  const password = process.env.XUELIANG_DEMO_CAMERA_PASSWORD ?? 'demo-camera-pass';
  return rows.map((r) => ({ deviceId: r.deviceId, user: r.user ?? 'admin', password }));
}
