// Small fixtures for API tests: cameras and basemap features near one spot, and tile math.
import type pg from 'pg';

export const SPOT = { lon: 109.0293, lat: 32.6853 };

export function lonLatToTile(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const latRad = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n),
  };
}

let serial = 0;
/** A valid GB/T 28181 id (county 610902, camera type 132) with a unique serial. */
export function deviceId(n = (serial += 1)): string {
  return `61090200001320${String(n).padStart(6, '0')}`;
}

export async function insertCamera(
  pool: pg.Pool,
  fields: {
    deviceId?: string;
    lon?: number;
    lat?: number;
    installDate?: string | null;
    removalDate?: string | null;
    name?: string;
  } = {},
): Promise<{ id: number; deviceId: string }> {
  const id = fields.deviceId ?? deviceId();
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO cameras (device_id, name, type, geom, height_m, azimuth_deg, hfov_deg, resolution_h, install_date, removal_date)
     VALUES ($1, $2, 'fixed', ST_SetSRID(ST_MakePoint($3, $4), 4326), 6, 90, 60, 1920, $5, $6) RETURNING id`,
    [
      id,
      fields.name ?? `cam ${id.slice(-4)}`,
      fields.lon ?? SPOT.lon,
      fields.lat ?? SPOT.lat,
      fields.installDate ?? null,
      fields.removalDate ?? null,
    ],
  );
  return { id: rows[0]!.id, deviceId: id };
}
