// Junction cameras the way a Sharp Eyes design institute draws them. The target is a 20 m disc
// seen at `observe` (62.5 px/m), which no single fixed lens manages (a 4K bullet at 80° reaches
// ~35 m at that density and leaves its own near blind zone), so:
// - minor junctions get either wide 4K bullets on three corners, each looking diagonally across
//   the junction (each sees the far part of the disc and covers the others' near zones), or,
//   town and village style, one PTZ dome on a corner pole;
// - major junctions (trunk/primary) get a high-mounted PTZ dome on a corner mast (the classic
//   高点球机), half of them also a 4K bullet facing one approach for vehicles and faces.
// A share of junctions is left without cameras on purpose: the gaps the product must find.
import { add, angleDiffDeg, normalizeDeg, unitFromBearing, type XY } from './frame';
import type { Prng } from './prng';
import type { IntersectionSite } from './targets';
import type { Candidate, Site } from './camera-candidate';
import { drawInstallDate } from './camera-optics';

/** Clear distance from a street centreline before the building line (setback is 10 m). */
const CLEAR_OF_ARM_M = 9;
/** Minor junctions equipped with a single PTZ dome rather than corner bullets. */
const SINGLE_DOME_SHARE = 0.65;

/** Corner directions: bisectors of the gaps between neighbouring arms, with the gap size. */
function corners(ix: IntersectionSite): { azimuthDeg: number; gapDeg: number }[] {
  const az = ix.junction.arms.map((a) => normalizeDeg(a.azimuthDeg)).sort((a, b) => a - b);
  return az.map((a, i) => {
    const next = i + 1 < az.length ? (az[i + 1] as number) : (az[0] as number) + 360;
    return { azimuthDeg: normalizeDeg(a + (next - a) / 2), gapDeg: next - a };
  });
}

/** How far out along a direction a pole can stand while staying clear of the building line. */
function cornerDistanceM(ix: IntersectionSite, azimuthDeg: number): number {
  const nearest = Math.min(...ix.junction.arms.map((a) => angleDiffDeg(a.azimuthDeg, azimuthDeg)));
  const s = Math.sin((Math.min(90, nearest) * Math.PI) / 180);
  return Math.min(14, Math.max(8, CLEAR_OF_ARM_M / Math.max(0.1, s)));
}

export function junctionCandidates(
  intersections: IntersectionSite[],
  budget: number,
  gapShare: { major: number; minor: number },
  ownerUnit: string,
  onLand: (p: XY) => boolean,
  rng: Prng,
): Candidate[] {
  const out: Candidate[] = [];
  const order = intersections.map((ix) => ({ ix, key: ix.rank + rng.range(0, 2.5) })).sort((a, b) => b.key - a.key);
  for (const { ix } of order) {
    const major = ix.rank >= 5;
    if (rng.chance(major ? gapShare.major : gapShare.minor)) continue;
    if (out.length + 3 > budget) break;
    const site: Site = { installDate: drawInstallDate(rng), ownerUnit };
    const c = ix.junction.p;
    const cs = corners(ix);
    const watches = { class: 'intersection' as const, sourceRef: ix.ref, point: c };
    if (major) {
      const corner = rng.pick(cs);
      const mast = add(c, unitFromBearing(corner.azimuthDeg), cornerDistanceM(ix, corner.azimuthDeg));
      if (onLand(mast)) {
        out.push({
          p: mast,
          aim: c,
          placement: 'intersection',
          name: `${ix.name}高点`,
          site,
          watches,
          lens: {
            type: 'ptz',
            resolution: rng.chance(0.6) ? 2 : 1,
            hfovDeg: rng.range(56, 63),
            heightM: rng.range(10, 12),
            presets: false,
          },
        });
      }
      // Half the major junctions also have an approach camera (plates, faces) across the
      // junction from the arm it watches; the dome alone already sees the disc.
      const arm = rng.pick(ix.junction.arms);
      if (!rng.chance(0.5)) continue;
      const back = arm.azimuthDeg + 180;
      const p = add(add(c, unitFromBearing(back), rng.range(14, 20)), unitFromBearing(arm.azimuthDeg + 90), rng.chance(0.5) ? 7 : -7);
      if (onLand(p)) {
        out.push({
          p,
          aim: add(c, unitFromBearing(arm.azimuthDeg), 15),
          placement: 'intersection',
          name: `${ix.name}卡口`,
          site,
          watches,
          lens: { type: 'fixed', resolution: 2, hfovDeg: rng.range(45, 60), heightM: rng.range(6, 7.5) },
        });
      }
      continue;
    }
    if (rng.chance(SINGLE_DOME_SHARE)) {
      // Town and village style: one dome on a corner pole sweeps the whole junction.
      const corner = rng.pick(cs);
      const pole = add(c, unitFromBearing(corner.azimuthDeg), cornerDistanceM(ix, corner.azimuthDeg));
      if (onLand(pole)) {
        out.push({
          p: pole,
          aim: c,
          placement: 'intersection',
          name: `${ix.name}球机`,
          site,
          watches,
          lens: { type: 'ptz', resolution: rng.chance(0.5) ? 2 : 1, hfovDeg: rng.range(56, 62), heightM: rng.range(8, 10), presets: false },
        });
      }
      continue;
    }
    // Bullets on three corners (a T has three; a crossroads keeps two opposite ones and a third):
    // two opposite corners alone leave the other two corners of the disc unseen (~12 %).
    let best: [number, number] = [0, 0];
    let bestDiff = -1;
    for (let i = 0; i < cs.length; i++)
      for (let j = i + 1; j < cs.length; j++) {
        const d = angleDiffDeg((cs[i] as { azimuthDeg: number }).azimuthDeg, (cs[j] as { azimuthDeg: number }).azimuthDeg);
        if (d > bestDiff) {
          bestDiff = d;
          best = [i, j];
        }
      }
    const third = cs.findIndex((_, k) => k !== best[0] && k !== best[1]);
    const picks = cs.length >= 2 ? [best[0], best[1], third].filter((k) => k >= 0).map((k) => cs[k]) : cs;
    for (const corner of picks) {
      if (corner === undefined) continue;
      const p = add(c, unitFromBearing(corner.azimuthDeg), cornerDistanceM(ix, corner.azimuthDeg));
      if (!onLand(p)) continue;
      out.push({
        p,
        aim: c,
        placement: 'intersection',
        name: ix.name,
        site,
        watches,
        lens: {
          type: rng.chance(0.8) ? 'fixed' : 'dome',
          resolution: 2,
          hfovDeg: rng.range(78, 84),
          heightM: rng.range(6, 8),
          tiltDeg: rng.range(16, 22),
        },
      });
    }
  }
  return out;
}
