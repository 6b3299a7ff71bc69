// Footprint rows for a chunk of cameras as COPY text for fp_stage (see create-stage.sql): the
// exact TypeScript sweep, shadows of low buildings left for PostGIS to subtract. Pure, so it
// runs the same in the main thread and in footprint workers.
import { cameraFootprints, type LevelRequest } from '../../../gis-data/footprint';
import type { BuildingIndex, SceneCamera } from './scene';
import { polygonsWkbHex } from '../../../gis-data/coverage/flat-shape';
import { multiPolygonWkt, polygonCollectionWkt } from './wkt';

export interface FootprintSweepOptions {
  occlusion: boolean;
  targetHeightM: number;
  arcStepDeg: number;
  /**
   * 'wkb' (hex WKB, for create-stage.sql's bulk load: no decimal formatting here and no WKT
   * parsing in PostGIS) or 'wkt' (default; what xl_refresh_cameras takes). Both round to the mm.
   */
  format?: 'wkt' | 'wkb';
}

export function footprintCopyText(cameras: SceneCamera[], buildings: BuildingIndex, levels: LevelRequest[], o: FootprintSweepOptions): { text: string; rows: number } {
  const lines: string[] = [];
  for (const cam of cameras) {
    const reach = maxReachM(cam, levels);
    const obstacles = o.occlusion ? buildings.near(cam.xy, reach) : [];
    const fps = cameraFootprints(cam, obstacles, levels, { occlusion: o.occlusion, targetHeightM: o.targetHeightM, arcStepDeg: o.arcStepDeg, subtractShadows: false });
    for (const fp of fps) {
      if (fp.polygon.length === 0) continue;
      const wkb = o.format === 'wkb';
      const shadows = fp.shadows.length === 0 ? '\\N' : wkb ? polygonsWkbHex(fp.shadows, true) : polygonCollectionWkt(fp.shadows);
      const shape = wkb ? polygonsWkbHex(fp.polygon) : multiPolygonWkt(fp.polygon);
      lines.push(`${cam.id}\t${fp.level}\t${fp.ppm}\t${fp.nearM.toFixed(3)}\t${fp.rangeM.toFixed(3)}\t${fp.assumed || cam.assumed ? 't' : 'f'}\t${shape}\t${shadows}`);
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
