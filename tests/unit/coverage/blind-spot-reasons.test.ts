// The one judge of blind-spot pieces (gis-data/coverage/blind-spot-reasons.ts) that the city pass,
// a refresh's assignReasons, the pieces of another date and the browser all call: a piece takes
// the most actionable reason of its sample points, in the ranking every part shows. (The rule at
// one point is tested case by case in reasons.test.ts.)
import { describe, expect, it } from 'vitest';
import type { SceneCamera } from '../../../coverage-engine/scene';
import type { Obstacle, XY } from '../../../gis-data/footprint';
import {
  BLIND_SPOT_REASONS,
  isBlindSpotReason,
  outranks,
  pieceJudge,
  zeroReasonCounts,
  type PieceJudgeOptions,
} from '../../../gis-data/coverage/blind-spot-reasons';
import { BuildingIndex } from '../../../gis-data/coverage/building-index';

function camera(id: number, xy: XY, o: Partial<SceneCamera> = {}): SceneCamera {
  return {
    id,
    deviceId: `D${id}`,
    type: 'fixed',
    xy,
    heightM: 6,
    azimuthDeg: 90,
    tiltDeg: 15,
    hfovDeg: 60,
    resolutionH: 1920,
    assumed: false,
    inService: true,
    working: true,
    ...o,
  };
}

const wall: Obstacle = {
  id: 10,
  ring: [
    [15, -5],
    [18, -5],
    [18, 5],
    [15, 5],
    [15, -5],
  ],
  heightM: 20,
};

const levels: PieceJudgeOptions = { targetHeightM: 1.6, requiredPpm: (level) => (level === 'observe' ? 62.5 : undefined) };

describe('blind-spot reason codes and their ranking', () => {
  it('ranks the reasons most actionable first: a repair, then a new viewpoint, a tilt, a longer lens, a new camera', () => {
    expect(BLIND_SPOT_REASONS).toEqual(['camera_down', 'occluded', 'near_blind_zone', 'low_detail', 'no_camera']);
    for (let i = 0; i + 1 < BLIND_SPOT_REASONS.length; i++) {
      expect(outranks(BLIND_SPOT_REASONS[i]!, BLIND_SPOT_REASONS[i + 1]!)).toBe(true);
      expect(outranks(BLIND_SPOT_REASONS[i + 1]!, BLIND_SPOT_REASONS[i]!)).toBe(false);
    }
  });

  it('knows its own codes and counts each from zero', () => {
    expect(BLIND_SPOT_REASONS.every(isBlindSpotReason)).toBe(true);
    expect(isBlindSpotReason('down')).toBe(false);
    expect(zeroReasonCounts()).toEqual({ camera_down: 0, occluded: 0, near_blind_zone: 0, low_detail: 0, no_camera: 0 });
  });
});

describe('judging a piece from its sample points', () => {
  // One camera at the origin looking east; a tall wall 15-18 m out.
  const judge = pieceJudge([camera(1, [0, 0])], new BuildingIndex([wall]), levels);
  const behind: [number, number] = [-20, 0]; // no_camera
  const far: [number, number] = [45, 20]; // clear of the wall, too far for 62.5 px/m: low_detail
  const hidden: [number, number] = [30, 0]; // behind the wall: occluded

  it('gives a piece the most actionable reason of its samples, whatever their order', () => {
    expect(judge(['design'], [behind], 'observe')).toEqual(['no_camera']);
    expect(judge(['design'], [behind, far], 'observe')).toEqual(['low_detail']);
    expect(judge(['design'], [far, behind, hidden], 'observe')).toEqual(['occluded']);
    expect(judge(['design'], [hidden, far, behind], 'observe')).toEqual(['occluded']);
  });

  it('calls a piece without sample points no_camera', () => {
    expect(judge(['design', 'now'], [], 'observe')).toEqual(['no_camera', 'no_camera']);
  });

  it('judges an unknown level at the fallback density (observe, 62.5 px/m)', () => {
    expect(judge(['design'], [far], 'no-such-level')).toEqual(judge(['design'], [far], 'observe'));
  });

  it('gives each mode the reason it would get alone: a down camera makes camera_down in "now" only', () => {
    const down = pieceJudge([camera(2, [0, 0], { working: false })], new BuildingIndex([]), levels);
    const near: [number, number] = [20, 0];
    expect(down(['design', 'now'], [behind, near], 'observe')).toEqual(['no_camera', 'camera_down']);
    expect([...down(['design'], [behind, near], 'observe'), ...down(['now'], [behind, near], 'observe')]).toEqual([
      'no_camera',
      'camera_down',
    ]);
  });
});
