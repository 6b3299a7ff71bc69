// Footprint rows for a chunk of cameras from the exact TypeScript sweep, shadows of low
// buildings left for PostGIS to subtract: binary COPY rows (WKB) for the bulk load's stage table
// (create-stage.sql), or COPY text with WKT for xl_refresh_cameras. Pure, so it runs the same in
// the main thread and in footprint workers. Both round coordinates to the millimetre.
import { cameraFootprints, type LevelFootprint, type LevelRequest } from '../gis-data/footprint';
import { polygonsWkb } from '../gis-data/coverage/flat-shape';
import { BinaryCopyRows } from '../db/copy-binary';
import type { BuildingIndex, SceneCamera } from './scene';
import { multiPolygonWkt, polygonCollectionWkt } from './wkt';

export interface FootprintSweepOptions {
  occlusion: boolean;
  targetHeightM: number;
  arcStepDeg: number;
}

function* sweep(
  cameras: SceneCamera[],
  buildings: BuildingIndex,
  levels: LevelRequest[],
  o: FootprintSweepOptions,
): Generator<{ cam: SceneCamera; fp: LevelFootprint }> {
  for (const cam of cameras) {
    const reach = maxReachM(cam, levels);
    const obstacles = o.occlusion ? buildings.near(cam.xy, reach) : [];
    const fps = cameraFootprints(cam, obstacles, levels, {
      occlusion: o.occlusion,
      targetHeightM: o.targetHeightM,
      arcStepDeg: o.arcStepDeg,
      subtractShadows: false,
    });
    for (const fp of fps) if (fp.polygon.length > 0) yield { cam, fp };
  }
}

/** COPY text (WKT shape and shadows) for xl_refresh_cameras. */
export function footprintCopyText(
  cameras: SceneCamera[],
  buildings: BuildingIndex,
  levels: LevelRequest[],
  o: FootprintSweepOptions,
): { text: string; rows: number } {
  const lines: string[] = [];
  for (const { cam, fp } of sweep(cameras, buildings, levels, o)) {
    const shadows = fp.shadows.length === 0 ? '\\N' : polygonCollectionWkt(fp.shadows);
    lines.push(
      `${cam.id}\t${fp.level}\t${fp.ppm}\t${fp.nearM.toFixed(3)}\t${fp.rangeM.toFixed(3)}\t${fp.assumed || cam.assumed ? 't' : 'f'}\t${multiPolygonWkt(fp.polygon)}\t${shadows}`,
    );
  }
  return { text: lines.length === 0 ? '' : lines.join('\n') + '\n', rows: lines.length };
}

export interface FootprintBinaryRows {
  /** COPY data for create-stage.sql's fp_stage (FORMAT binary). */
  data: Buffer;
  rows: number;
  /** Each row's camera and where the row starts in `data` (to resend one camera's rows). */
  cameraIds: number[];
  starts: number[];
}

/** Binary COPY rows (WKB shape and shadows) for the bulk load. */
export function footprintCopyBinary(
  cameras: SceneCamera[],
  buildings: BuildingIndex,
  levels: LevelRequest[],
  o: FootprintSweepOptions,
): FootprintBinaryRows {
  const out = new BinaryCopyRows();
  const cameraIds: number[] = [];
  for (const { cam, fp } of sweep(cameras, buildings, levels, o)) {
    cameraIds.push(cam.id);
    out
      .row(8)
      .int8(cam.id)
      .text(fp.level)
      .float4(fp.ppm)
      .float4(Math.round(fp.nearM * 1000) / 1000)
      .float4(Math.round(fp.rangeM * 1000) / 1000)
      .bool(fp.assumed || cam.assumed)
      .bytes(polygonsWkb(fp.polygon))
      .bytes(fp.shadows.length === 0 ? null : polygonsWkb(fp.shadows, true));
  }
  return { data: out.finish(), rows: out.rows, cameraIds, starts: out.rowStarts };
}

/** Farthest any level can reach, to pick the buildings that matter (slant ≥ ground distance). */
function maxReachM(cam: SceneCamera, levels: LevelRequest[]): number {
  const minPpm = Math.min(...levels.map((l) => l.ppm));
  const w = cam.hfovDeg >= 170 ? (cam.hfovDeg * Math.PI) / 180 : 2 * Math.tan((cam.hfovDeg * Math.PI) / 360);
  return Math.min(5000, cam.resolutionH / (w * minPpm));
}
