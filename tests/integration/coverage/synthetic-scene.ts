// A small seeded city for coverage tests, built in planar metres (UTM 49N, near Ankang) and
// stored in EPSG:4326 like real data: a street grid with intersections and road targets, blocks
// of buildings of mixed heights (some lower than the cameras, some higher), cameras at corners
// facing along the streets, one hotspot polygon, two towns in one county in one city.
import type pg from 'pg';

export const SCENE_SRID = 32649;
export const ORIGIN: [number, number] = [500000, 3620000];

export interface SceneCameraSpec {
  x: number;
  y: number;
  type: string;
  heightM: number;
  azimuthDeg: number | null;
  tiltDeg: number | null;
  hfovDeg: number | null;
  resolutionH: number | null;
  installDate: string | null;
  removalDate: string | null;
  working: boolean;
  ptzPresets?: Array<{ azimuthDeg: number; tiltDeg?: number; hfovDeg?: number }>;
}
export interface SceneBuildingSpec {
  ring: Array<[number, number]>;
  heightM: number | null;
  heightAssumed: boolean;
}
export interface SceneTargetSpec {
  class: string;
  level: string;
  wkt: string;
}

export interface Scene {
  cameras: SceneCameraSpec[];
  buildings: SceneBuildingSpec[];
  targets: SceneTargetSpec[];
  sizeM: number;
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeScene(seed: number, blocks = 3, blockM = 120): Scene {
  const rnd = prng(seed);
  const [ox, oy] = ORIGIN;
  const sizeM = blocks * blockM;
  const cameras: SceneCameraSpec[] = [];
  const buildings: SceneBuildingSpec[] = [];
  const targets: SceneTargetSpec[] = [];
  for (let i = 0; i <= blocks; i++) {
    const x = ox + i * blockM;
    const y = oy + i * blockM;
    targets.push({ class: 'road', level: 'detect', wkt: `LINESTRING(${ox} ${y},${ox + sizeM} ${y})` });
    targets.push({ class: 'road', level: 'detect', wkt: `LINESTRING(${x} ${oy},${x} ${oy + sizeM})` });
  }
  for (let i = 0; i <= blocks; i++) {
    for (let j = 0; j <= blocks; j++) {
      const x = ox + i * blockM;
      const y = oy + j * blockM;
      targets.push({ class: 'intersection', level: 'observe', wkt: `POINT(${x} ${y})` });
      // Street furniture and kiosks beside the junction: low ones cast short shadows, tall ones
      // hide everything behind them.
      if (rnd() < 0.6) {
        const along = (rnd() < 0.5 ? -1 : 1) * (6 + rnd() * 8);
        const side = (rnd() < 0.5 ? -1 : 1) * (2 + rnd() * 3);
        const [bx, by] = rnd() < 0.5 ? [x + along, y + side] : [x + side, y + along];
        const tall = rnd() < 0.4;
        buildings.push({
          ring: [
            [bx, by],
            [bx + 3, by],
            [bx + 3, by + 2.5],
            [bx, by + 2.5],
            [bx, by],
          ],
          heightM: tall ? 15 : 2.5 + rnd() * 3,
          heightAssumed: false,
        });
      }
      if (rnd() < 0.7) {
        const az = [0, 90, 180, 270][Math.floor(rnd() * 4)]! + (rnd() - 0.5) * 30;
        const year = 2017 + Math.floor(rnd() * 6);
        cameras.push({
          x: x + 8 * (rnd() - 0.5),
          y: y + 8 * (rnd() - 0.5),
          type: rnd() < 0.1 ? 'ptz' : 'fixed',
          heightM: 5 + rnd() * 5,
          azimuthDeg: (az + 360) % 360,
          tiltDeg: 8 + rnd() * 12,
          hfovDeg: 40 + rnd() * 50,
          resolutionH: rnd() < 0.5 ? 1920 : 2560,
          installDate: `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-15`,
          removalDate: rnd() < 0.05 ? '2024-06-30' : null,
          working: rnd() < 0.8,
        });
      }
    }
  }
  for (let i = 0; i < blocks; i++) {
    for (let j = 0; j < blocks; j++) {
      const x0 = ox + i * blockM + 15;
      const y0 = oy + j * blockM + 15;
      const inner = blockM - 30;
      for (let k = 0; k < 3; k++) {
        const bx = x0 + rnd() * (inner - 30);
        const by = y0 + rnd() * (inner - 30);
        const w = 10 + rnd() * 20;
        const h = 10 + rnd() * 20;
        const known = rnd() < 0.7;
        buildings.push({
          ring: [
            [bx, by],
            [bx + w, by],
            [bx + w, by + h],
            [bx, by + h],
            [bx, by],
          ],
          heightM: known ? (rnd() < 0.5 ? 3 + rnd() * 3 : 12 + rnd() * 20) : null,
          heightAssumed: !known,
        });
      }
    }
  }
  const hx = ox + blockM * 0.2;
  const hy = oy + blockM * 0.2;
  targets.push({
    class: 'hotspot',
    level: 'observe',
    wkt: `POLYGON((${hx} ${hy},${hx + 60} ${hy},${hx + 60} ${hy + 50},${hx} ${hy + 50},${hx} ${hy}))`,
  });
  return { cameras, buildings, targets, sizeM };
}

/** Writes the scene; ids come back in the order of the scene's arrays. */
export async function loadScene(db: pg.Pool, scene: Scene): Promise<{ cameraIds: number[]; targetIds: number[] }> {
  const [ox, oy] = ORIGIN;
  const S = scene.sizeM;
  await db.query(
    `INSERT INTO settings (key, value) VALUES ('metric_srid', '${SCENE_SRID}') ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  const poly = (x0: number, y0: number, x1: number, y1: number) =>
    `ST_Transform(ST_GeomFromText('MULTIPOLYGON(((${x0} ${y0},${x1} ${y0},${x1} ${y1},${x0} ${y1},${x0} ${y0})))', ${SCENE_SRID}), 4326)`;
  const m = 200;
  const city = await db.query<{ id: number }>(
    `INSERT INTO admin_areas (code, name, level, geom) VALUES ('610900', 'City', 'city', ${poly(ox - m, oy - m, ox + S + m, oy + S + m)}) RETURNING id`,
  );
  const county = await db.query<{ id: number }>(
    `INSERT INTO admin_areas (code, name, level, parent_id, geom) VALUES ('610921', 'County', 'county', $1, ${poly(ox - m, oy - m, ox + S + m, oy + S + m)}) RETURNING id`,
    [city.rows[0]!.id],
  );
  const mid = ox + S / 2 + 1;
  await db.query(
    `INSERT INTO admin_areas (code, name, level, parent_id, geom) VALUES ('61092101', 'Town A', 'town', $1, ${poly(ox - m, oy - m, mid, oy + S + m)}), ('61092102', 'Town B', 'town', $1, ${poly(mid, oy - m, ox + S + m, oy + S + m)})`,
    [county.rows[0]!.id],
  );
  const cameraIds: number[] = [];
  let serial = 1;
  for (const c of scene.cameras) {
    const deviceId = `6109210100132${'0'}${String(serial++).padStart(6, '0')}`;
    const r = await db.query<{ id: number }>(
      `INSERT INTO cameras (device_id, type, geom, height_m, azimuth_deg, tilt_deg, hfov_deg, resolution_h, install_date, removal_date, ptz_presets)
       VALUES ($1, $2, ST_Transform(ST_SetSRID(ST_MakePoint($3, $4), ${SCENE_SRID}), 4326), $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id::int`,
      [
        deviceId,
        c.type,
        c.x,
        c.y,
        c.heightM,
        c.azimuthDeg,
        c.tiltDeg,
        c.hfovDeg,
        c.resolutionH,
        c.installDate,
        c.removalDate,
        JSON.stringify(c.ptzPresets ?? []),
      ],
    );
    cameraIds.push(r.rows[0]!.id);
    if (c.working)
      await db.query(`INSERT INTO camera_status (camera_id, state, since, last_poll_at) VALUES ($1, 'OK', now(), now())`, [r.rows[0]!.id]);
  }
  for (const b of scene.buildings) {
    const wkt = `MULTIPOLYGON(((${b.ring.map(([x, y]) => `${x} ${y}`).join(',')})))`;
    await db.query(
      `INSERT INTO buildings (height_m, height_assumed, geom) VALUES ($1, $2, ST_Transform(ST_GeomFromText($3, ${SCENE_SRID}), 4326))`,
      [b.heightM, b.heightAssumed, wkt],
    );
  }
  const targetIds: number[] = [];
  for (const t of scene.targets) {
    const r = await db.query<{ id: number }>(
      `INSERT INTO targets (class, required_level, geom) VALUES ($1, $2, ST_Transform(ST_GeomFromText($3, ${SCENE_SRID}), 4326)) RETURNING id::int`,
      [t.class, t.level, t.wkt],
    );
    targetIds.push(r.rows[0]!.id);
  }
  return { cameraIds, targetIds };
}
