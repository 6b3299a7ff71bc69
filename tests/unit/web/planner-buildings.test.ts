import { describe, expect, it } from 'vitest';
import { NearbyBuildings } from '../../../web/src/planning/nearby-buildings';
import { proposedFootprints, levelRequests, type ProposedCamera } from '../../../web/src/planning/proposed-camera';
import { utmProjector } from '../../../web/src/planning/projection';

const proj = utmProjector(32649, [109.03, 32.685]);
const cam: ProposedCamera = {
  id: 'p1',
  lngLat: [109.03, 32.685],
  heightM: 6,
  azimuthDeg: 90,
  tiltDeg: 15,
  hfovDeg: 60,
  resolutionH: 2560,
  resolutionV: 1440,
};

function planarArea(mp: Array<Array<Array<[number, number]>>>): number {
  // Shoelace over outer rings minus holes, in planar metres.
  let sum = 0;
  for (const poly of mp)
    poly.forEach((ring, k) => {
      let a = 0;
      for (let i = 0; i < ring.length - 1; i++) a += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
      sum += (k === 0 ? 1 : -1) * Math.abs(a / 2);
    });
  return sum;
}

describe('the planner preview sees buildings as the server does', () => {
  it('a tall building in front of a proposed camera cuts its footprint', () => {
    const [x, y] = proj.toXY(cam.lngLat);
    const wall = {
      id: 1,
      heightM: 30,
      ring: [
        [x + 20, y - 15],
        [x + 30, y - 15],
        [x + 30, y + 15],
        [x + 20, y + 15],
        [x + 20, y - 15],
      ] as Array<[number, number]>,
    };
    const levels = levelRequests(['observe']);
    const open = planarArea(proposedFootprints(cam, proj, levels).get('observe')!);
    const blocked = planarArea(proposedFootprints(cam, proj, levels, [wall]).get('observe')!);
    expect(open).toBeGreaterThan(500);
    expect(blocked).toBeLessThan(open * 0.8);
  });

  it('loads the nine cells around a camera once, keeps one copy of a building that spans cells, and reports arrivals', async () => {
    const asked: string[] = [];
    let loaded = 0;
    const shared = {
      id: 7,
      heightM: 12,
      heightAssumed: false,
      ring: [
        [109.0299, 32.6849],
        [109.0301, 32.6849],
        [109.0301, 32.6851],
        [109.0299, 32.6849],
      ] as Array<[number, number]>,
    };
    const nb = new NearbyBuildings(
      proj,
      () => {
        loaded++;
      },
      async (bbox) => {
        asked.push(bbox.join(','));
        return [shared];
      },
    );
    expect(nb.near(cam.lngLat)).toEqual([]);
    await new Promise((r) => setTimeout(r, 0));
    expect(asked).toHaveLength(9);
    expect(loaded).toBe(9);
    const got = nb.near(cam.lngLat);
    expect(got).toHaveLength(1);
    expect(got[0]!.ring[0]![0]).toBeCloseTo(proj.toXY([109.0299, 32.6849])[0], 6);
    nb.near([cam.lngLat[0] + 0.001, cam.lngLat[1]]);
    await new Promise((r) => setTimeout(r, 0));
    // Moving a little within the same cells asks for nothing new.
    expect(asked.length).toBeLessThanOrEqual(12);
  });
});
