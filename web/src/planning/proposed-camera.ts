// A proposed camera in the planner, and its footprints at the levels the gain needs, computed
// with the shared pure footprint code (gis-data/footprint) in planar metres, clipped by the
// buildings around it (nearby-buildings.ts) as the server's evaluation is.
import { cameraFootprints, type LevelRequest } from '../../../gis-data/footprint';
import type { MultiPolygonXY, Obstacle } from '../../../gis-data/footprint/types';
import { STANDARD_LEVELS } from '../../../gis-data/optics/levels';
import type { Schemas } from '../api/client';
import type { Projector } from './projection';

export interface ProposedCamera {
  id: string;
  lngLat: [number, number];
  heightM: number;
  azimuthDeg: number;
  tiltDeg: number;
  hfovDeg: number;
  resolutionH: number;
  resolutionV: number;
  /** What a suggestion chose beyond the fields above; kept so a saved plan is the camera the engine confirmed. */
  engine?: SuggestedParameters;
}

/** A suggested camera's parameters as the search chose them (null azimuth/tilt: a PTZ or fisheye seeing all round). */
export interface SuggestedParameters {
  type: 'fixed' | 'dome' | 'ptz' | 'fisheye';
  azimuthDeg: number | null;
  tiltDeg: number | null;
  vfovDeg: number | null;
  ptzPresets: Array<{ azimuthDeg: number; tiltDeg?: number; hfovDeg?: number }>;
  modelId: number | null;
  modelName: string | null;
  unitCost: number | null;
  siteKey: string | null;
}

/** The plan camera the API stores (PlanCameraInput): a suggested camera keeps every parameter it was confirmed with. */
export function toPlanCamera(c: ProposedCamera, i: number): Schemas['PlanCameraInput'] {
  const e = c.engine;
  return {
    name: `P${i + 1}`,
    type: e?.type ?? 'fixed',
    lon: c.lngLat[0],
    lat: c.lngLat[1],
    heightM: c.heightM,
    azimuthDeg: e !== undefined && e.azimuthDeg === null ? null : c.azimuthDeg,
    tiltDeg: e !== undefined && e.tiltDeg === null ? null : c.tiltDeg,
    hfovDeg: c.hfovDeg,
    vfovDeg: e?.vfovDeg ?? null,
    resolutionH: c.resolutionH,
    resolutionV: c.resolutionV,
    ptzPresets: e?.ptzPresets ?? [],
    modelId: e?.modelId ?? null,
    unitCost: e?.unitCost ?? null,
    siteKey: e?.siteKey ?? null,
  };
}

let seq = 0;
export function newProposedCamera(lngLat: [number, number]): ProposedCamera {
  seq++;
  return {
    id: `p${Date.now().toString(36)}${seq}`,
    lngLat,
    heightM: 6,
    azimuthDeg: 0,
    tiltDeg: 15,
    hfovDeg: 60,
    resolutionH: 2560,
    resolutionV: 1440,
  };
}

const LEVELS: LevelRequest[] = [...STANDARD_LEVELS['dori-2015'], ...STANDARD_LEVELS['iec-2025']].map((l) => ({
  level: l.name,
  ppm: l.ppm,
}));

export function levelRequests(names: Iterable<string>): LevelRequest[] {
  const want = new Set(names);
  return LEVELS.filter((l) => want.has(l.level));
}

export function proposedFootprints(
  cam: ProposedCamera,
  proj: Projector,
  levels: LevelRequest[],
  buildings: Obstacle[] = [],
): Map<string, MultiPolygonXY> {
  const xy = proj.toXY(cam.lngLat);
  const out = new Map<string, MultiPolygonXY>();
  const fps = cameraFootprints(
    {
      id: 0,
      type: 'fixed',
      xy,
      heightM: cam.heightM,
      azimuthDeg: cam.azimuthDeg,
      tiltDeg: cam.tiltDeg,
      hfovDeg: cam.hfovDeg,
      resolutionH: cam.resolutionH,
      resolutionV: cam.resolutionV,
    },
    buildings,
    levels,
    { occlusion: buildings.length > 0 },
  );
  for (const f of fps) out.set(f.level, f.polygon);
  return out;
}

/** Where the rotation handle sits: HANDLE_M metres from the camera along its azimuth. */
export const HANDLE_M = 25;
export function handlePosition(cam: ProposedCamera, proj: Projector): [number, number] {
  const [x, y] = proj.toXY(cam.lngLat);
  const a = (cam.azimuthDeg * Math.PI) / 180;
  return proj.toLngLat([x + Math.sin(a) * HANDLE_M, y + Math.cos(a) * HANDLE_M]);
}

export function azimuthTowards(cam: ProposedCamera, lngLat: [number, number], proj: Projector): number {
  const [x0, y0] = proj.toXY(cam.lngLat);
  const [x1, y1] = proj.toXY(lngLat);
  const deg = (Math.atan2(x1 - x0, y1 - y0) * 180) / Math.PI;
  return Math.round(((deg % 360) + 360) % 360);
}

/** The plan as a camera schedule in the ledger's canonical columns (docs: issue 2 "Camera files"). */
export function scheduleCsv(cams: ProposedCamera[]): string {
  const head = ['name', 'type', 'lon', 'lat', 'height_m', 'azimuth_deg', 'tilt_deg', 'hfov_deg', 'resolution_h', 'resolution_v'];
  const rows = cams.map((c, i) =>
    [
      `P${i + 1}`,
      'fixed',
      c.lngLat[0].toFixed(7),
      c.lngLat[1].toFixed(7),
      c.heightM,
      c.azimuthDeg,
      c.tiltDeg,
      c.hfovDeg,
      c.resolutionH,
      c.resolutionV,
    ].join(','),
  );
  return `\uFEFF${[head.join(','), ...rows].join('\r\n')}\r\n`;
}
