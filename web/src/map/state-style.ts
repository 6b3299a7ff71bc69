// Camera-state and blind-spot-reason colours. Okabe–Ito palette (safe for the common forms of
// colour blindness), and every state also has its own shape so colour is never the only cue.
// Which states share a group, and whether a group is 在线/完好, is the health vocabulary's
// (vocabulary/camera-health.ts): the legend, the counts and the rates cannot disagree.
import type { BlindSpotReason } from '../../../gis-data/coverage/blind-spot-reasons';
import type { StateGroup } from '../../../vocabulary/camera-health';

export { GROUP_FACTS, GROUP_SEVERITY_ORDER, STATE_GROUPS, stateGroup, type StateGroup } from '../../../vocabulary/camera-health';

export type Rgba = [number, number, number, number];

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

// The reason codes in their ranking (most actionable first), from the one rule that judges them.
export { BLIND_SPOT_REASONS, type BlindSpotReason } from '../../../gis-data/coverage/blind-spot-reasons';

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
