// The demo's resource classes (issue 18; vocabulary/resource-classes.ts), decided from what the
// generator already drew, so the rest of the city (and its golden summary) stays as it was: police
// units' cameras are 一类; the schools', hospitals' and markets' bureaus are 二类 (other
// departments); and about two in five of the hotspots (shopping streets and squares the local police
// station watches) are watched by the shops themselves instead: 三类, owned by the street's
// merchants. Which hotspots is a hash of the hotspot's ref: deterministic from the seed and the
// same for every camera of one hotspot, without drawing from the generator's random stream.
import type { ResourceClass } from '../../vocabulary/resource-classes';

function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  // MurmurHash3's finaliser: FNV alone leaves the high bits of near-identical refs alike.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Share of the police-watched hotspots the demo hands to the merchants (三类). */
const SOCIAL_HOTSPOT_SHARE = 0.4;

export function demoResourceClass(
  ownerUnit: string,
  watches: { class: string; sourceRef: string },
): { resourceClass: ResourceClass; ownerUnit: string } {
  const police = /公安|派出所|警/.test(ownerUnit);
  if (!police) return { resourceClass: 2, ownerUnit };
  if (watches.class === 'hotspot' && ownerUnit.endsWith('派出所') && hash32(watches.sourceRef) / 2 ** 32 < SOCIAL_HOTSPOT_SHARE)
    return { resourceClass: 3, ownerUnit: `${ownerUnit.slice(0, -'派出所'.length)}商户联合会` };
  return { resourceClass: 1, ownerUnit };
}
