// Computes footprints in TypeScript (exact sweep) and streams them into PostGIS with COPY, over
// two sessions: while one session's database work runs, Node computes the next chunk.
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { cameraFootprints, type LevelRequest } from '../../../gis-data/footprint';
import type { BuildingIndex, SceneCamera } from './scene';
import { multiPolygonWkt, polygonCollectionWkt } from './wkt';

const INSERT_SQL = readFileSync(new URL('./insert-footprints.sql', import.meta.url), 'utf8');
const STAGE_SQL = readFileSync(new URL('./create-stage.sql', import.meta.url), 'utf8');

export interface FootprintRunOptions {
  occlusion: boolean;
  targetHeightM: number;
  arcStepDeg: number;
  chunkSize?: number;
  sessions?: number;
  onProgress?: (done: number) => void;
}

export interface FootprintRunStats {
  cameras: number;
  rows: number;
  computeMs: number;
  storeMs: number;
  failures: Array<{ cameraId: number; message: string }>;
}

/** Footprint rows for a chunk of cameras as COPY text. */
export function footprintCopyText(cameras: SceneCamera[], buildings: BuildingIndex, levels: LevelRequest[], o: FootprintRunOptions): { text: string; rows: number } {
  const lines: string[] = [];
  for (const cam of cameras) {
    const reach = maxReachM(cam, levels);
    const obstacles = o.occlusion ? buildings.near(cam.xy, reach) : [];
    const fps = cameraFootprints(cam, obstacles, levels, { occlusion: o.occlusion, targetHeightM: o.targetHeightM, arcStepDeg: o.arcStepDeg, subtractShadows: false });
    for (const fp of fps) {
      if (fp.polygon.length === 0) continue;
      const shadows = fp.shadows.length === 0 ? '\\N' : polygonCollectionWkt(fp.shadows);
      lines.push(`${cam.id}\t${fp.level}\t${fp.ppm}\t${fp.nearM.toFixed(3)}\t${fp.rangeM.toFixed(3)}\t${fp.assumed || cam.assumed ? 't' : 'f'}\t${multiPolygonWkt(fp.polygon)}\t${shadows}`);
    }
  }
  return { text: lines.length === 0 ? '' : lines.join('\n') + '\n', rows: lines.length };
}

/** Farthest any level can reach, to pick the buildings that matter (slant ≥ ground distance). */
function maxReachM(cam: SceneCamera, levels: LevelRequest[]): number {
  const minPpm = Math.min(...levels.map((l) => l.ppm));
  const w = cam.hfovDeg >= 170 ? (cam.hfovDeg * Math.PI) / 180 : 2 * Math.tan((cam.hfovDeg * Math.PI) / 360);
  return Math.min(5000, cam.resolutionH / (w * minPpm));
}

async function copyChunk(client: pg.PoolClient, text: string, occlusion: boolean): Promise<void> {
  await client.query('TRUNCATE fp_stage');
  if (text.length > 0) {
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(copyFrom('COPY fp_stage FROM STDIN'));
      stream.on('finish', () => resolve());
      stream.on('error', reject);
      stream.end(text);
    });
  }
  await client.query(INSERT_SQL, [occlusion]);
}

/** A chunk that fails as a whole (odd geometry) is retried camera by camera; never rejects. */
async function copyChunkSafe(client: pg.PoolClient, text: string, occlusion: boolean, failures: FootprintRunStats['failures']): Promise<void> {
  try {
    await copyChunk(client, text, occlusion);
  } catch {
    const byCamera = new Map<string, string[]>();
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const id = line.slice(0, line.indexOf('\t'));
      byCamera.set(id, [...(byCamera.get(id) ?? []), line]);
    }
    for (const [id, lines] of byCamera) {
      try {
        await copyChunk(client, lines.join('\n') + '\n', occlusion);
      } catch (e) {
        failures.push({ cameraId: Number(id), message: (e as Error).message });
      }
    }
  }
}

export async function storeFootprints(pool: pg.Pool, cameras: SceneCamera[], buildings: BuildingIndex, levels: LevelRequest[], o: FootprintRunOptions): Promise<FootprintRunStats> {
  const chunkSize = o.chunkSize ?? 1000;
  const sessions = Math.max(1, o.sessions ?? 2);
  const clients = await Promise.all(Array.from({ length: sessions }, () => pool.connect()));
  const stats: FootprintRunStats = { cameras: cameras.length, rows: 0, computeMs: 0, storeMs: 0, failures: [] };
  try {
    for (const c of clients) await c.query(STAGE_SQL);
    const busy: Array<Promise<void> | undefined> = clients.map(() => undefined);
    const storeStarted = Date.now();
    let done = 0;
    for (let i = 0, k = 0; i < cameras.length; i += chunkSize, k++) {
      const chunk = cameras.slice(i, i + chunkSize);
      const t0 = performance.now();
      const { text, rows } = footprintCopyText(chunk, buildings, levels, o);
      stats.computeMs += performance.now() - t0;
      stats.rows += rows;
      const slot = k % sessions;
      await busy[slot];
      busy[slot] = copyChunkSafe(clients[slot]!, text, o.occlusion, stats.failures);
      done += chunk.length;
      o.onProgress?.(done);
    }
    await Promise.all(busy);
    stats.storeMs = Date.now() - storeStarted - stats.computeMs;
  } finally {
    for (const c of clients) c.release();
  }
  return stats;
}
