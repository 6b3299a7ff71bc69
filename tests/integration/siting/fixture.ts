// A tiny town for siting tests: a 3 × 3 grid of intersections 60 m apart (UTM 49N), one
// building, and one existing camera that already sees the south-west intersection.
import type { TestDatabase } from '../../helpers/db';

export const ORIGIN = { lon: 109.0, lat: 32.7 };
const M_LAT = 1 / 110_900;
const M_LON = 1 / 93_600;

export function at(eastM: number, northM: number): [number, number] {
  return [ORIGIN.lon + eastM * M_LON, ORIGIN.lat + northM * M_LAT];
}

export async function loadTinyTown(db: TestDatabase): Promise<number[]> {
  await db.pool.query(`INSERT INTO settings (key, value) VALUES ('metric_srid', '32649'), ('standard', '"dori-2015"')
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`);
  const ids: number[] = [];
  for (let gy = 0; gy < 3; gy++) {
    for (let gx = 0; gx < 3; gx++) {
      const [lon, lat] = at(gx * 60, gy * 60);
      const { rows } = await db.pool.query<{ id: string }>(
        `INSERT INTO targets (class, name, required_level, priority, geom) VALUES ('intersection', $1, 'observe', 1, ST_SetSRID(ST_MakePoint($2, $3), 4326)) RETURNING id`,
        [`X${gx}${gy}`, lon, lat],
      );
      ids.push(Number(rows[0]!.id));
    }
  }
  // A 200 m target road south of the grid (poles every 60 m along it).
  const [r0lon, r0lat] = at(-20, -40);
  const [r1lon, r1lat] = at(180, -40);
  await db.pool.query(
    `INSERT INTO targets (class, name, required_level, priority, geom) VALUES ('road', 'South road', 'detect', 1,
    ST_SetSRID(ST_MakeLine(ST_MakePoint($1, $2), ST_MakePoint($3, $4)), 4326))`,
    [r0lon, r0lat, r1lon, r1lat],
  );
  // A building block in the middle of the north-east block.
  const [w, s] = at(90, 90);
  const [e, n] = at(110, 110);
  await db.pool.query(
    `INSERT INTO buildings (height_m, height_assumed, geom) VALUES (20, false, ST_Multi(ST_MakeEnvelope($1, $2, $3, $4, 4326)))`,
    [w, s, e, n],
  );
  const [clon, clat] = at(0, -15);
  await db.pool.query(
    `INSERT INTO cameras (device_id, name, type, geom, height_m, azimuth_deg, hfov_deg, resolution_h, resolution_v, install_date)
     VALUES ('61090200001320000001', 'existing', 'fixed', ST_SetSRID(ST_MakePoint($1, $2), 4326), 6, 0, 60, 1920, 1080, '2019-01-01')`,
    [clon, clat],
  );
  return ids;
}
