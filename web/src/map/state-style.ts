// Camera-state and blind-spot-reason colours. Okabe–Ito palette (safe for the common forms of
// colour blindness), and every state also has its own shape so colour is never the only cue.
import type { Schemas } from '../api/client';

type CameraState = Schemas['CameraState'];

export type Rgba = [number, number, number, number];
export type StateGroup = 'OK' | 'DEGRADED' | 'CLOCK_SKEW' | 'AUTH_FAILED' | 'OFFLINE' | 'UNKNOWN';

export const STATE_GROUPS: StateGroup[] = ['OK', 'DEGRADED', 'CLOCK_SKEW', 'AUTH_FAILED', 'OFFLINE', 'UNKNOWN'];

/** The agent's states mapped onto what the map distinguishes (offline = three transport failures). */
export function stateGroup(state: string | undefined | null): StateGroup {
  switch (state) {
    case 'OK':
    case 'DEGRADED':
    case 'CLOCK_SKEW':
    case 'AUTH_FAILED':
      return state;
    case 'UNREACHABLE':
    case 'NO_RESPONSE':
    case 'PROTOCOL_ERROR':
      return 'OFFLINE';
    default:
      return 'UNKNOWN';
  }
}

export const STATE_COLOURS: Record<StateGroup, Rgba> = {
  OK: [0, 158, 115, 255], // bluish green
  DEGRADED: [230, 159, 0, 255], // orange
  CLOCK_SKEW: [86, 180, 233, 255], // sky blue
  AUTH_FAILED: [204, 121, 167, 255], // reddish purple
  OFFLINE: [213, 94, 0, 255], // vermillion
  UNKNOWN: [153, 153, 153, 255], // grey
};

/** Shape per state, drawn into the icon atlas (see icon-atlas.ts) and the legend. */
export const STATE_SHAPES: Record<StateGroup, 'circle' | 'diamond' | 'square' | 'triangle' | 'cross' | 'ring'> = {
  OK: 'circle',
  DEGRADED: 'diamond',
  CLOCK_SKEW: 'square',
  AUTH_FAILED: 'triangle',
  OFFLINE: 'cross',
  UNKNOWN: 'ring',
};

export const BLIND_SPOT_REASONS = ['no_camera', 'occluded', 'low_detail', 'near_blind_zone', 'camera_down'] as const;
export type BlindSpotReason = (typeof BLIND_SPOT_REASONS)[number];

export const REASON_COLOURS: Record<BlindSpotReason, Rgba> = {
  no_camera: [213, 94, 0, 255], // vermillion: nothing there at all
  occluded: [204, 121, 167, 255], // purple: a building is in the way
  low_detail: [240, 228, 66, 255], // yellow: seen, not sharply enough
  near_blind_zone: [86, 180, 233, 255], // sky blue: under the camera
  camera_down: [230, 30, 30, 255], // red: covered by design, camera not working
};

export function reasonColour(reason: string | undefined): Rgba {
  return REASON_COLOURS[reason as BlindSpotReason] ?? [255, 0, 255, 255];
}

export const TARGET_COLOURS: Record<string, Rgba> = {
  intersection: [255, 255, 255, 200],
  road: [170, 170, 255, 160],
  hotspot: [255, 120, 120, 120],
  crowded_place: [255, 210, 120, 120],
};

export function cssColour(c: Rgba): string {
  return `rgba(${c[0]},${c[1]},${c[2]},${(c[3] / 255).toFixed(2)})`;
}

export function isCameraState(v: unknown): v is CameraState {
  return (
    typeof v === 'string' &&
    ['OK', 'DEGRADED', 'CLOCK_SKEW', 'AUTH_FAILED', 'UNREACHABLE', 'NO_RESPONSE', 'PROTOCOL_ERROR', 'UNKNOWN'].includes(v)
  );
}
