// A camera site chosen by one of the placement passes, before it gets an id, optics and a name.
import type { XY } from './frame';
import type { Placement } from './camera-optics';
import type { CameraType, TargetClass } from './types';

export interface Site {
  installDate: string;
  ownerUnit: string;
}

/**
 * A lens chosen for the job instead of drawn from the placement's shares: the designer picks a
 * wide 4K bullet for a junction corner, a long lens for a road, a PTZ dome for a mast.
 * `resolution` indexes RESOLUTIONS in camera-optics.ts (0 = 1080p, 1 = 4 MP, 2 = 8 MP).
 */
export interface Lens {
  type: CameraType;
  resolution: 0 | 1 | 2;
  hfovDeg: number;
  heightM: number;
  /** Tilt in degrees; undefined = down toward the aim point. */
  tiltDeg?: number;
  /** PTZ only: false = no presets recorded (the envelope is the full circle). */
  presets?: boolean;
}

export interface Candidate {
  p: XY;
  aim: XY;
  placement: Placement;
  name: string;
  site: Site;
  lens?: Lens;
  watches: { class: TargetClass | 'road-segment'; sourceRef: string; point: XY };
}
