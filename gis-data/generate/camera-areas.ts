// Cameras for area targets. Crowded places are judged at `recognise` (125 px/m, faces), which a
// 4K bullet at 80° reaches only ~18 m out, so each forecourt gets a bullet on every corner
// looking across it at a steep tilt (the near blind zone stays a sliver at the corner), and the
// big plazas (squares, the station, markets) also a PTZ dome on a mast in the middle. Hotspot
// corridors get a PTZ dome on a corner mast of their junction and a long 4K bullet down each arm.
// Some places and arms are left short on purpose: the gaps.
import { add, bearingDeg, unitFromBearing, type XY } from './frame';
import type { Prng } from './prng';
import type { CrowdedPlace } from './places';
import type { HotspotSite } from './targets';
import { stripMark } from './targets';
import type { Candidate, Site } from './camera-candidate';
import { drawInstallDate } from './camera-optics';

const OWNER_BY_KIND: Record<string, string> = {
  school: '教育局',
  hospital: '卫生健康局',
  market: '市场监督管理局',
  station: '公安局铁路警务区',
  square: '公安局巡特警大队',
};

export function placeCandidates(
  places: CrowdedPlace[],
  placeRefs: string[],
  county: string,
  onLand: (p: XY) => boolean,
  rng: Prng,
): Candidate[] {
  const out: Candidate[] = [];
  places.forEach((pl, i) => {
    const ref = placeRefs[i] as string;
    const site: Site = { installDate: drawInstallDate(rng), ownerUnit: `${county}${OWNER_BY_KIND[pl.kind] ?? '公安局'}` };
    const base = stripMark(pl.name);
    const corners = pl.forecourt.slice(0, 4);
    const mid: XY = [corners.reduce((s, p) => s + p[0], 0) / 4, corners.reduce((s, p) => s + p[1], 0) / 4];
    const watches = { class: 'crowded_place' as const, sourceRef: ref, point: mid };
    // About a third of the places only got their two gate-side corners so far.
    const partial = rng.chance(0.3);
    const gate = pl.entrances[0]?.point ?? mid;
    const byGate = corners.slice().sort((a, b) => Math.hypot(a[0] - gate[0], a[1] - gate[1]) - Math.hypot(b[0] - gate[0], b[1] - gate[1]));
    byGate.forEach((corner, k) => {
      if (partial && k >= 2) return;
      const p = add(corner, unitFromBearing(bearingDeg(mid, corner)), 1);
      if (!onLand(p)) return;
      out.push({
        p,
        aim: mid,
        placement: k < 2 ? 'entrance' : 'interior',
        name: k < 2 ? `${base}门口${k + 1}` : `${base}内部${k - 1}`,
        site,
        watches,
        lens: {
          type: rng.chance(0.85) ? 'fixed' : 'dome',
          resolution: 2,
          hfovDeg: rng.range(78, 82),
          heightM: rng.range(4.5, 5.5),
          tiltDeg: rng.range(29, 33),
        },
      });
    });
    if (!partial && (pl.kind === 'school' || pl.kind === 'hospital') && rng.chance(0.7)) {
      // A fisheye over the gatehouse door: everyone passing the gate at close range.
      const p = add(gate, unitFromBearing(bearingDeg(gate, mid)), 2);
      out.push({
        p,
        aim: mid,
        placement: 'entrance',
        name: `${base}门岗`,
        site,
        watches,
        lens: { type: 'fisheye', resolution: 2, hfovDeg: 360, heightM: rng.range(3.5, 4) },
      });
    }
    if (!partial && (pl.kind === 'square' || pl.kind === 'station' || pl.kind === 'market')) {
      const p = add(mid, unitFromBearing(rng.range(0, 360)), 2);
      const fisheye = rng.chance(0.15);
      out.push({
        p,
        aim: add(mid, unitFromBearing(bearingDeg(p, mid)), 10),
        placement: 'interior',
        name: `${base}中心`,
        site,
        watches,
        lens: fisheye
          ? { type: 'fisheye', resolution: 2, hfovDeg: 360, heightM: rng.range(6, 8) }
          : { type: 'ptz', resolution: 2, hfovDeg: rng.range(56, 62), heightM: rng.range(8, 10), presets: rng.chance(0.3) },
      });
    }
  });
  return out;
}

export function hotspotCandidates(
  hotspots: HotspotSite[],
  ownerOf: (h: HotspotSite) => string,
  onLand: (p: XY) => boolean,
  rng: Prng,
): Candidate[] {
  const out: Candidate[] = [];
  for (const hs of hotspots) {
    const site: Site = { installDate: drawInstallDate(rng, true), ownerUnit: ownerOf(hs) };
    const name = stripMark(hs.name);
    const watches = { class: 'hotspot' as const, sourceRef: hs.ref, point: hs.center };
    const first = hs.arms[0];
    const second = hs.arms[1];
    // One hotspot in seven still waits for its mast.
    if (first !== undefined && second !== undefined && rng.chance(0.85)) {
      const gap = (second.azimuthDeg - first.azimuthDeg + 360) % 360 || 360;
      const mast = add(hs.center, unitFromBearing(first.azimuthDeg + gap / 2), Math.min(13, 9 / Math.sin(((gap / 2) * Math.PI) / 180)));
      if (onLand(mast)) {
        out.push({
          p: mast,
          aim: hs.center,
          placement: 'hotspot',
          name: `${name}高点`,
          site,
          watches,
          lens: { type: 'ptz', resolution: 2, hfovDeg: rng.range(56, 62), heightM: rng.range(10, 12), presets: rng.chance(0.25) },
        });
      }
    }
    hs.arms.forEach((arm, k) => {
      if (rng.chance(0.35)) return; // this arm's camera is still in the plan
      const p = add(add(hs.center, unitFromBearing(arm.azimuthDeg), 12), unitFromBearing(arm.azimuthDeg + 90), 7);
      if (!onLand(p)) return;
      const far = add(hs.center, unitFromBearing(arm.azimuthDeg), arm.lengthM);
      // Arm cameras came one by one as the corridor was built out.
      const armSite: Site = { installDate: drawInstallDate(rng, true), ownerUnit: site.ownerUnit };
      out.push({
        p,
        aim: far,
        placement: 'hotspot',
        name: `${name}${k + 1}号路段`,
        site: armSite,
        watches: { ...watches, point: far },
        lens: { type: 'fixed', resolution: 2, hfovDeg: rng.range(32, 38), heightM: rng.range(6, 8), tiltDeg: rng.range(6, 9) },
      });
    });
  }
  return out;
}
