// An in-memory copy of the scene (all cameras and building outlines in planar metres, the
// settings and the levels in use) per pool, so that an incremental refresh does not reload its
// neighbourhood from the database each time (that load was most of a refresh's cost). The API
// and the agent warm it at start; refreshBuildings and recomputes drop it; it expires anyway
// after MAX_AGE_MS in case another process changed the data.
import type pg from 'pg';
import type { LevelRequest } from '../gis-data/footprint';
import { levelsInUse } from './engine';
import { warmReasonIndex } from '../gis-data/coverage/blind-spot-reasons';
import { CameraIndex } from '../gis-data/coverage/camera-index';
import { loadBuildings, loadCameras, type BuildingIndex, type SceneCamera } from './scene';
import { loadCoverageSettings, type CoverageSettings } from './settings';

const MAX_AGE_MS = 15 * 60_000;

export interface SceneCache {
  settings: CoverageSettings;
  levels: LevelRequest[];
  buildings: BuildingIndex;
  cameras: Map<number, SceneCamera>;
  index: CameraIndex;
  loadedAt: number;
}

const caches = new WeakMap<object, Promise<SceneCache>>();

async function build(db: pg.Pool): Promise<SceneCache> {
  const settings = await loadCoverageSettings(db);
  const [levels, buildings, { cameras }] = await Promise.all([
    levelsInUse(db, settings),
    loadBuildings(db, settings.defaultBuildingHeightM),
    loadCameras(db),
  ]);
  const index = new CameraIndex(cameras);
  warmReasonIndex(index, buildings);
  return { settings, levels, buildings, cameras: new Map(cameras.map((c) => [c.id, c])), index, loadedAt: Date.now() };
}

export async function sceneCache(db: pg.Pool): Promise<SceneCache> {
  let p = caches.get(db);
  if (p !== undefined) {
    const c = await p.catch(() => undefined);
    if (c !== undefined && Date.now() - c.loadedAt < MAX_AGE_MS) return c;
  }
  p = build(db);
  caches.set(db, p);
  return p;
}

export function dropCoverageCache(db: pg.Pool): void {
  caches.delete(db);
}

/** Puts fresh camera rows into the cache (and drops the ids that no longer exist). */
export function updateCachedCameras(cache: SceneCache, ids: number[], fresh: SceneCamera[]): void {
  for (const id of ids) {
    const old = cache.cameras.get(id);
    if (old !== undefined) cache.index.remove(old);
    cache.cameras.delete(id);
  }
  for (const c of fresh) {
    cache.cameras.set(c.id, c);
    cache.index.add(c);
  }
}
