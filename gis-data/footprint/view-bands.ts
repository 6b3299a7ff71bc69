// The optics part of a footprint: for one camera and one detail level, the angular wedges and
// the distances between which a target of height h is seen at the level's pixel density.
// Near edge: (H − h) / tan(θ + V/2); far edge: the tilt's horizon limit (H − h) / tan(θ − V/2)
// or the level's distance, whichever is nearer. Level distances are slant distances (pixel
// density falls along the line of sight), so the ground reach is √(d² − (H − h)²).
import { distanceForPpmM } from '../optics/pixel-density';
import { verticalFovDeg } from '../optics/field-of-view';
import type { CameraForFootprint, ViewBand } from './types';

const DEG = Math.PI / 180;

export interface BandOptions {
  ppm: number;
  targetHeightM: number;
}

/** Ground reach of a level for a lens, before tilt limits. */
export function levelGroundRangeM(resolutionH: number, hfovDeg: number, ppm: number, dropM: number): number {
  const slant = distanceForPpmM(resolutionH, hfovDeg, ppm);
  const drop = Math.max(0, dropM);
  return slant > drop ? Math.sqrt(slant * slant - drop * drop) : 0;
}

/** Near and far ground distance for one tilt; far may be below near (nothing seen). */
export function tiltBandM(heightM: number, targetHeightM: number, tiltDeg: number, vfovDeg: number): { nearM: number; farM: number } {
  const drop = heightM - targetHeightM;
  if (drop <= 0) return { nearM: 0, farM: Number.POSITIVE_INFINITY };
  const lower = tiltDeg + vfovDeg / 2;
  const upper = tiltDeg - vfovDeg / 2;
  const nearM = lower >= 90 ? 0 : drop / Math.tan(lower * DEG);
  const farM = upper > 0 ? drop / Math.tan(upper * DEG) : Number.POSITIVE_INFINITY;
  return { nearM: Math.max(0, nearM), farM };
}

export function viewBands(camera: CameraForFootprint, options: BandOptions): ViewBand[] {
  const drop = camera.heightM - options.targetHeightM;
  if (camera.type === 'fisheye' || camera.hfovDeg >= 360) {
    // A 360° lens looks all round; its density falls with the radius (equidistant projection).
    const farM = levelGroundRangeM(camera.resolutionH, Math.min(360, camera.hfovDeg), options.ppm, drop);
    return farM > 0 ? [{ azimuthDeg: 0, hfovDeg: 360, nearM: 0, farM }] : [];
  }
  if (camera.type === 'ptz') {
    const presets = camera.ptzPresets ?? [];
    // Unknown presets: the camera can pan and tilt anywhere, so its envelope is a full circle.
    if (presets.length === 0) {
      const farM = levelGroundRangeM(camera.resolutionH, camera.hfovDeg, options.ppm, drop);
      return farM > 0 ? [{ azimuthDeg: 0, hfovDeg: 360, nearM: 0, farM }] : [];
    }
    return presets.flatMap((p) =>
      fixedBand(
        {
          ...camera,
          azimuthDeg: p.azimuthDeg,
          tiltDeg: p.tiltDeg ?? camera.tiltDeg,
          hfovDeg: p.hfovDeg ?? camera.hfovDeg,
          vfovDeg: p.hfovDeg === undefined ? camera.vfovDeg : undefined,
        },
        options,
      ),
    );
  }
  return fixedBand(camera, options);
}

function fixedBand(camera: CameraForFootprint, options: BandOptions): ViewBand[] {
  const drop = camera.heightM - options.targetHeightM;
  const levelFar = levelGroundRangeM(camera.resolutionH, camera.hfovDeg, options.ppm, drop);
  const vfov =
    verticalFovDeg({
      hfovDeg: camera.hfovDeg,
      vfovDeg: camera.vfovDeg,
      resolutionH: camera.resolutionH,
      resolutionV: camera.resolutionV,
    }) ?? camera.hfovDeg;
  // Unknown tilt: assume the common installation that puts the horizon at the top of the image.
  const tilt = camera.tiltDeg ?? vfov / 2;
  const band = tiltBandM(camera.heightM, options.targetHeightM, tilt, vfov);
  const farM = Math.min(levelFar, band.farM);
  if (!(farM > band.nearM)) return [];
  return [{ azimuthDeg: camera.azimuthDeg ?? 0, hfovDeg: camera.hfovDeg, nearM: band.nearM, farM }];
}
