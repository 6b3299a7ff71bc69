// OSM cameras have no GB/T 28181 id, so one is derived, deterministically, from the OSM node id:
// admin code (8, --admin-code) + industry 00 + type 131 (camera) + network 8 (social resources:
// OSM-mapped cameras are mostly private, 社会资源) + serial = node id mod 1,000,000. Serial
// collisions inside one import are resolved by taking the next free serial, in node-id order,
// so the same file always yields the same ids.
import { makeDeviceId } from '../device-id';

/** Default admin code: 320100 Nanjing (the real city the demo uses), basic unit 00. */
export const DEFAULT_OSM_ADMIN_CODE = '32010000';

export function deriveOsmDeviceIds(osmNodeIds: readonly number[], adminCode = DEFAULT_OSM_ADMIN_CODE): Map<number, string> {
  const sorted = [...new Set(osmNodeIds)].sort((a, b) => a - b);
  if (sorted.length > 1_000_000) throw new Error('more than 1,000,000 OSM cameras cannot share one admin code');
  const used = new Set<number>();
  const out = new Map<number, string>();
  for (const id of sorted) {
    let serial = id % 1_000_000;
    while (used.has(serial)) serial = (serial + 1) % 1_000_000;
    used.add(serial);
    out.set(id, makeDeviceId({ adminCode, serial, typeCode: '131', network: '8' }));
  }
  return out;
}
