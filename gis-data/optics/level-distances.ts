// The distance at which each detail level is still reached, for the `optics` command, the
// planner's preview and the footprint builder.
import { distanceForPpmM } from './pixel-density';
import type { DetailLevel } from './levels';

export interface LevelDistance {
  level: string;
  ppm: number;
  distanceM: number;
}

export function levelDistances(resolutionH: number, hfovDeg: number, levels: DetailLevel[]): LevelDistance[] {
  return levels.map((l) => ({ level: l.name, ppm: l.ppm, distanceM: distanceForPpmM(resolutionH, hfovDeg, l.ppm) }));
}
