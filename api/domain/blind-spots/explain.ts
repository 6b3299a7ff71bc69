// Why a blind spot is blind, in facts a person can check on site (issue 14): what the target
// requires (its level and px/m) and what the cameras near it achieve there: the best camera that
// sees it and its px/m and distance, the building that hides it from a camera facing it (id,
// height), the camera whose near blind zone it lies in, the camera that would see it but is down
// (since when), or the nearest camera when none faces it. The reason itself is the engine's
// judgement (gis-data/coverage/blind-spot-reasons.ts, untouched); these are the measurements behind it, taken
// at the piece's own sample points with the same optics and building tests.
import type pg from 'pg';
import { buildingBlocks, geometricBands, OWN_BUILDING_TOLERANCE_M, ownBuilding, pointGeometry, type XY } from '../../../gis-data/footprint';
import { REASON_MIN_PPM, REASON_SEARCH_M } from '../../../gis-data/coverage/blind-spot-reasons';
import { CameraIndex, cameraReachM } from '../../../gis-data/coverage/camera-index';
import { levelPpm, loadBuildings, loadCameras, loadCoverageSettings, type SceneCamera } from '../../../coverage-engine';
import { BuildingIndex } from '../../../gis-data/coverage/building-index';
import type { Obstacle } from '../../../gis-data/footprint';
import { loadSql } from '../../../db/sql';

const CAMERA_DAY = loadSql(import.meta.url, 'cameras-on-day.sql');

/** Cameras further away cannot explain a gap (the reason rule's search, blind-spot-reasons.ts). */
export const EXPLAIN_SEARCH_M = REASON_SEARCH_M;

export interface CameraFact {
  cameraId: number;
  deviceId: string;
  /** Ground distance from the camera to the blind spot's sample point, metres. */
  distanceM: number;
  /** Pixel density the camera reaches there (px/m), 0 when the spot is outside its view. */
  ppm: number;
}

export interface BlindSpotWhy {
  required: { level: string; ppm: number };
  /** The camera that sees the spot best (in view, nothing in the way; for "now", working or too weak to matter anyway). */
  best: CameraFact | null;
  /** A camera facing the spot and the building that hides the spot from it. */
  occluded: (CameraFact & { buildingId: number; buildingHeightM: number; buildingHeightAssumed: boolean }) | null;
  /** A camera under which the spot lies, inside its near blind zone (nearer than nearM). */
  nearZone: (CameraFact & { nearM: number }) | null;
  /** A camera that would see the spot clearly but was not working, its state and since when. */
  down: (CameraFact & { state: string | null; since: string | null }) | null;
  /** The nearest camera in service within the search radius, whatever it faces. */
  nearest: CameraFact | null;
}

export interface ExplainItem {
  level: string;
  samplesM: Array<[number, number]>;
}

interface CameraDay {
  id: number;
  in_service: boolean;
  working: boolean;
  state: string | null;
  since: string | null;
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const fact = (c: SceneCamera, distanceM: number, ppm: number): CameraFact => ({
  cameraId: c.id,
  deviceId: c.deviceId,
  distanceM: round1(distanceM),
  ppm: round1(ppm),
});

/**
 * The facts behind each piece's reason, in the pieces' order. `mode` 'now' counts only working
 * cameras as seeing; `asOf` (YYYY-MM-DD) takes the cameras in service and working that day.
 */
export async function explainBlindSpots(
  pool: pg.Pool,
  items: readonly ExplainItem[],
  o: { mode: 'design' | 'now'; asOf?: string },
): Promise<BlindSpotWhy[]> {
  const points = items.flatMap((i) => i.samplesM);
  if (points.length === 0) return items.map((i) => empty(i.level, 0));
  const s = await loadCoverageSettings(pool);
  // The cameras and buildings near each piece: one box round all of a page's pieces covered a
  // whole M city (20,000 cameras and every building, ~1.1 s) when its blind spots lay far apart.
  const loaded = await Promise.all(
    mergeBoxes(
      items.flatMap((i) => (i.samplesM.length === 0 ? [] : [boxAround(i.samplesM, EXPLAIN_SEARCH_M + OWN_BUILDING_TOLERANCE_M + 1)])),
    ).map((box) => Promise.all([loadCameras(pool, undefined, box), loadBuildings(pool, s.defaultBuildingHeightM, box)])),
  );
  const byId = new Map<number, SceneCamera>();
  const obstacles = new Map<number, Obstacle>();
  for (const [{ cameras: near }, b] of loaded) {
    for (const c of near) byId.set(c.id, c);
    for (const o of b.obstacles) obstacles.set(o.id, o);
  }
  const cameras = [...byId.values()].sort((a, b) => a.id - b.id);
  const buildings = new BuildingIndex([...obstacles.values()].sort((a, b) => a.id - b.id));
  const day = new Map(
    (await pool.query<CameraDay>(CAMERA_DAY, [cameras.map((c) => c.id), o.asOf ?? null])).rows.map((d) => [d.id, d] as const),
  );
  const scene: Scene = { index: new CameraIndex(cameras), buildings, day, views: new Map(), targetHeightM: s.targetHeightM };
  return items.map((item) => {
    const required = levelPpm(s, item.level) ?? 62.5;
    const why = empty(item.level, required);
    for (const p of item.samplesM) judgePoint(why, scene, p, required, o.mode);
    return why;
  });
}

type Box = [number, number, number, number];

function boxAround(points: Array<[number, number]>, r: number): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of points) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0 - r, y0 - r, x1 + r, y1 + r];
}

/** Boxes that overlap merged into one, until none do (a page has 20 pieces at most: a few boxes). */
export function mergeBoxes(boxes: Box[]): Box[] {
  const out = boxes.map((b) => [...b] as Box);
  for (let merged = true; merged;) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++)
      for (let j = i + 1; j < out.length && !merged; j++) {
        const a = out[i]!;
        const b = out[j]!;
        if (a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]) {
          out[i] = [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
          out.splice(j, 1);
          merged = true;
        }
      }
  }
  return out;
}

function empty(level: string, ppm: number): BlindSpotWhy {
  return { required: { level, ppm }, best: null, occluded: null, nearZone: null, down: null, nearest: null };
}

interface Scene {
  index: CameraIndex;
  buildings: BuildingIndex;
  day: Map<number, CameraDay>;
  /** Per camera, what does not depend on the point (as reasons.ts's viewer). */
  views: Map<number, View>;
  targetHeightM: number;
}

interface View {
  reachM: number;
  cx: number;
  cy: number;
  bands: ReturnType<typeof geometricBands>;
  own: ReturnType<typeof ownBuilding>['own'];
}

function viewOf(scene: Scene, cam: SceneCamera): View {
  let v = scene.views.get(cam.id);
  if (v === undefined) {
    const { own, offset } = ownBuilding(cam.xy, scene.buildings.near(cam.xy, OWN_BUILDING_TOLERANCE_M + 1e-6));
    v = {
      reachM: cameraReachM(cam, REASON_MIN_PPM),
      cx: cam.xy[0] + offset[0],
      cy: cam.xy[1] + offset[1],
      bands: geometricBands(cam, scene.targetHeightM),
      own,
    };
    scene.views.set(cam.id, v);
  }
  return v;
}

/** Adds what the cameras make of one sample point to `why` (the strongest fact of each kind wins). */
function judgePoint(why: BlindSpotWhy, scene: Scene, p: [number, number], required: number, mode: 'design' | 'now'): void {
  // The index holds the scene's cameras (SceneCamera), handed back as the rule's ReasonCamera.
  for (const cam of scene.index.near(p[0], p[1], EXPLAIN_SEARCH_M) as SceneCamera[]) {
    const d = scene.day.get(cam.id);
    if (d === undefined || !d.in_service) continue;
    const dist = Math.hypot(cam.xy[0] - p[0], cam.xy[1] - p[1]);
    if (why.nearest === null || dist < why.nearest.distanceM) why.nearest = fact(cam, dist, 0);
    const { reachM, cx, cy, bands, own } = viewOf(scene, cam);
    // As the reason's judge: a camera beyond its reach at the lowest level sees nothing there.
    if (dist > reachM) continue;
    const g = pointGeometry(cam, bands, cx, cy, p, scene.targetHeightM);
    if (g.status === 'outside_view') continue;
    if (g.status === 'near_blind_zone') {
      const nearM = Math.max(...bands.map((b) => b.nearM));
      if (why.nearZone === null || g.distanceM < why.nearZone.distanceM)
        why.nearZone = { ...fact(cam, g.distanceM, g.ppm), nearM: round1(nearM) };
      continue;
    }
    const blocker = blockingBuilding(cam, scene.buildings, own, cx, cy, p, scene.targetHeightM);
    if (blocker !== undefined) {
      if (why.occluded === null || g.ppm > why.occluded.ppm)
        why.occluded = {
          ...fact(cam, g.distanceM, g.ppm),
          buildingId: blocker.id,
          buildingHeightM: round1(blocker.heightM),
          buildingHeightAssumed: blocker.heightAssumed === true,
        };
      continue;
    }
    // A down camera that would see the spot clearly explains it ("now"); one that would see it
    // with too little detail anyway counts as the engine counts it, for its detail.
    if (mode === 'now' && !d.working && !(g.ppm < required)) {
      if (why.down === null || g.ppm > why.down.ppm) why.down = { ...fact(cam, g.distanceM, g.ppm), state: d.state, since: d.since };
      continue;
    }
    if (why.best === null || g.ppm > why.best.ppm) why.best = fact(cam, g.distanceM, g.ppm);
  }
}

/** The building that hides point p from the camera at (cx, cy): its own building first, then any whose box meets the sight line. */
function blockingBuilding(
  cam: SceneCamera,
  buildings: BuildingIndex,
  own: ReturnType<typeof ownBuilding>['own'],
  cx: number,
  cy: number,
  p: XY,
  targetHeightM: number,
) {
  if (own !== undefined && buildingBlocks(own, cx, cy, cam.heightM, targetHeightM, true, p)) return own;
  const mid: XY = [(cx + p[0]) / 2, (cy + p[1]) / 2];
  const half = Math.hypot(p[0] - cx, p[1] - cy) / 2 + 1;
  return buildings.near(mid, half).find((ob) => ob !== own && buildingBlocks(ob, cx, cy, cam.heightM, targetHeightM, false, p));
}
