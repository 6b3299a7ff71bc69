// Realistic optics, install dates and provenance for generated cameras. Shares follow what
// Sharp Eyes tenders typically buy: mostly fixed bullets and domes at 1080p, some 4 MP and 8 MP,
// PTZ domes at major junctions and squares, a few fisheye and bi-spectrum thermal units.
import type { Prng } from './prng';
import type { CameraType, PtzPreset } from './types';
import { normalizeDeg } from './frame';

export interface Optics {
  type: CameraType;
  resolutionH: number;
  resolutionV: number;
  hfovDeg: number;
  vfovDeg: number;
  sensorWidthMm: number;
  focalLengthMm: number;
  ptzPresets: PtzPreset[];
}

export type Placement = 'intersection' | 'road' | 'entrance' | 'interior' | 'hotspot';

const TYPE_SHARES: Record<Placement, readonly (readonly [CameraType, number])[]> = {
  intersection: [
    ['fixed', 0.6],
    ['dome', 0.15],
    ['ptz', 0.2],
    ['thermal', 0.05],
  ],
  road: [
    ['fixed', 0.8],
    ['dome', 0.05],
    ['ptz', 0.07],
    ['thermal', 0.08],
  ],
  entrance: [
    ['fixed', 0.45],
    ['dome', 0.5],
    ['fisheye', 0.05],
  ],
  interior: [
    ['dome', 0.35],
    ['ptz', 0.35],
    ['fisheye', 0.3],
  ],
  hotspot: [
    ['fixed', 0.4],
    ['dome', 0.3],
    ['ptz', 0.2],
    ['fisheye', 0.1],
  ],
};

/** Sensor widths (mm) of the usual formats: 1/2.8" (2 MP), 1/2.7" (4 MP), 1/1.8" (8 MP). */
export const RESOLUTIONS = [
  { h: 1920, v: 1080, sensorWidthMm: 5.37, weight: 0.55 },
  { h: 2560, v: 1440, sensorWidthMm: 5.6, weight: 0.3 },
  { h: 3840, v: 2160, sensorWidthMm: 7.18, weight: 0.15 },
] as const;

const round1 = (v: number) => Math.round(v * 10) / 10;
const round2 = (v: number) => Math.round(v * 100) / 100;

/** Vertical FOV of a rectilinear lens from its horizontal FOV and the sensor's aspect ratio. */
export function vfovFromHfov(hfovDeg: number, aspect: number): number {
  const h = (hfovDeg * Math.PI) / 180;
  return (2 * Math.atan(Math.tan(h / 2) / aspect) * 180) / Math.PI;
}

export function drawOptics(rng: Prng, placement: Placement, headingDeg: number): Optics {
  const type = rng.weighted(TYPE_SHARES[placement]);
  const res = rng.weighted(RESOLUTIONS.map((r) => [r, r.weight] as const));
  let hfovDeg: number;
  switch (type) {
    case 'fixed':
      hfovDeg = placement === 'road' ? rng.range(30, 60) : rng.range(45, 95);
      break;
    case 'dome':
      hfovDeg = rng.range(70, 100);
      break;
    case 'ptz':
      hfovDeg = rng.range(55, 63);
      break; // wide end of a 20-30x zoom
    case 'thermal':
      hfovDeg = rng.range(30, 50);
      break;
    case 'fisheye':
      hfovDeg = 360;
      break;
  }
  hfovDeg = round1(hfovDeg);
  // A fisheye looks straight down and sees a full disc: 360° across, 180° from edge to edge.
  const vfovDeg = type === 'fisheye' ? 180 : round1(vfovFromHfov(hfovDeg, res.h / res.v));
  const focalLengthMm = type === 'fisheye' ? 1.05 : round2(res.sensorWidthMm / (2 * Math.tan((hfovDeg * Math.PI) / 360)));
  const ptzPresets: PtzPreset[] = [];
  if (type === 'ptz' && rng.chance(0.6)) {
    const n = rng.int(2, 4);
    for (let i = 0; i < n; i++) {
      ptzPresets.push({
        azimuthDeg: round1(normalizeDeg(headingDeg + (i - (n - 1) / 2) * rng.range(50, 100))),
        tiltDeg: round1(rng.range(8, 25)),
        hfovDeg: round1(rng.range(20, 60)),
      });
    }
  }
  return { type, resolutionH: res.h, resolutionV: res.v, hfovDeg, vfovDeg, sensorWidthMm: res.sensorWidthMm, focalLengthMm, ptzPresets };
}

/** Optics for a lens the designer chose (see Lens in camera-candidate.ts). */
export function lensOptics(
  rng: Prng,
  lens: { type: CameraType; resolution: 0 | 1 | 2; hfovDeg: number; presets?: boolean },
  headingDeg: number,
): Optics {
  const res = RESOLUTIONS[lens.resolution];
  const fisheye = lens.type === 'fisheye';
  const hfovDeg = fisheye ? 360 : round1(lens.hfovDeg);
  const vfovDeg = fisheye ? 180 : round1(vfovFromHfov(hfovDeg, res.h / res.v));
  const focalLengthMm = fisheye ? 1.05 : round2(res.sensorWidthMm / (2 * Math.tan((hfovDeg * Math.PI) / 360)));
  const ptzPresets: PtzPreset[] = [];
  if (lens.type === 'ptz' && lens.presets === true) {
    // Guard positions of a junction dome: one per quarter, at the wide end of the zoom.
    for (let i = 0; i < 4; i++)
      ptzPresets.push({ azimuthDeg: round1(normalizeDeg(headingDeg + i * 90)), tiltDeg: round1(rng.range(12, 20)), hfovDeg });
  }
  return {
    type: lens.type,
    resolutionH: res.h,
    resolutionV: res.v,
    hfovDeg,
    vfovDeg,
    sensorWidthMm: res.sensorWidthMm,
    focalLengthMm,
    ptzPresets,
  };
}

/** Mount height (m) for a placement: poles at junctions and roads, walls at gates, masts in squares. */
export function drawHeight(rng: Prng, placement: Placement, type: CameraType): number {
  const [lo, hi] = type === 'ptz' ? [8, 12] : placement === 'entrance' ? [3.5, 5] : placement === 'interior' ? [6, 12] : [5, 8];
  return round1(rng.range(lo, hi));
}

/** Tilt down toward the aim point, within the 5-35° that installers use. */
export function tiltFor(heightM: number, aimDistanceM: number): number {
  const deg = (Math.atan2(heightM, Math.max(1, aimDistanceM)) * 180) / Math.PI;
  return round1(Math.min(35, Math.max(5, deg)));
}

// Build-out peaks in 2019-2020 for the 2020 deadline.
// About 70 % of sites are in by the deadline; the rest close gaps in 2021-2023.
const YEAR_WEIGHTS = [
  [2016, 0.06],
  [2017, 0.1],
  [2018, 0.14],
  [2019, 0.19],
  [2020, 0.21],
  [2021, 0.14],
  [2022, 0.1],
  [2023, 0.06],
] as const;

function isoDay(year: number, dayOfYear: number): string {
  return new Date(Date.UTC(year, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
}

// Police priorities (high-crime hotspots) went in first: ~85 % by the deadline.
const PRIORITY_YEAR_WEIGHTS = [
  [2016, 0.12],
  [2017, 0.18],
  [2018, 0.2],
  [2019, 0.2],
  [2020, 0.15],
  [2021, 0.08],
  [2022, 0.05],
  [2023, 0.02],
] as const;

/** One install date for a site (all cameras of one junction or gate go in together). */
export function drawInstallDate(rng: Prng, priority = false): string {
  const year = rng.weighted(priority ? PRIORITY_YEAR_WEIGHTS : YEAR_WEIGHTS);
  return isoDay(year, rng.int(0, 364));
}

/** About 2 % of cameras were taken down again, 1-4 years after installation. */
export function drawRemovalDate(rng: Prng, installDate: string): string | null {
  if (!rng.chance(0.02)) return null;
  const year = Math.min(2025, Number(installDate.slice(0, 4)) + rng.int(1, 4));
  const removal = isoDay(year, rng.int(0, 364));
  return removal > installDate ? removal : null;
}

const SURVEY_FIELDS = [
  'height_m',
  'azimuth_deg',
  'tilt_deg',
  'hfov_deg',
  'vfov_deg',
  'resolution_h',
  'resolution_v',
  'install_date',
] as const;
const OFTEN_ASSUMED = ['height_m', 'tilt_deg', 'hfov_deg', 'azimuth_deg'] as const;

/** Per-field provenance; about 10 % of cameras have one to three fields the survey did not measure. */
export function drawProvenance(rng: Prng): Record<string, 'surveyed' | 'assumed'> {
  const out: Record<string, 'surveyed' | 'assumed'> = {};
  for (const f of SURVEY_FIELDS) out[f] = 'surveyed';
  if (rng.chance(0.1)) {
    const n = rng.int(1, 3);
    for (const f of rng.shuffle([...OFTEN_ASSUMED]).slice(0, n)) out[f] = 'assumed';
  }
  return out;
}
