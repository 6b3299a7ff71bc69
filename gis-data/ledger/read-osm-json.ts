// Overpass JSON of OSM man_made=surveillance nodes. Each camera node is one record, already in
// canonical columns (tags parsed by osm-camera-tags.ts, id derived by osm-device-id.ts); nodes
// that are not cameras (surveillance:type=guard, ways) are counted as skipped.
import type { ByteSource } from './source';
import { readAllLimited } from './source';
import { decodeJsonBuffer } from './text-encoding';
import { isCamera } from '../osm/classify-tags';
import type { Tags } from '../osm/osm-types';
import { osmCameraFields } from './osm-camera-tags';
import { deriveOsmDeviceIds } from './osm-device-id';
import { MAX_WHOLE_FILE_BYTES, type LedgerReadResult, type LedgerRecord } from './ledger-record';

interface OverpassElement {
  type?: string;
  id?: number;
  lat?: number;
  lon?: number;
  tags?: Tags;
}

/** OSM tags are text: anything else in a hostile file (an object whose String() throws) is dropped. */
function textTags(tags: unknown): Tags {
  if (tags === null || typeof tags !== 'object' || Array.isArray(tags)) return {};
  const out: Tags = {};
  for (const [k, v] of Object.entries(tags)) {
    if (typeof v === 'string' || typeof v === 'number')
      Object.defineProperty(out, k, { value: String(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export function readOsmJsonLedger(source: ByteSource, adminCode: string): LedgerReadResult {
  let skipped = 0;
  async function* records(): AsyncGenerator<LedgerRecord> {
    let doc: { elements?: OverpassElement[] } | OverpassElement[];
    const text = decodeJsonBuffer(await readAllLimited(source, MAX_WHOLE_FILE_BYTES), source.fileName);
    try {
      doc = JSON.parse(text) as typeof doc;
    } catch (err) {
      throw new Error(`${source.fileName}: not valid JSON (${(err as Error).message})`);
    }
    const raw: unknown = Array.isArray(doc) ? doc : doc?.elements;
    if (!Array.isArray(raw)) throw new Error(`${source.fileName}: expected Overpass JSON (an "elements" array)`);
    // An element that is not an object (null, a number) is skipped like any non-camera.
    const elements = raw.map((e: unknown) => (e !== null && typeof e === 'object' ? e : {}) as OverpassElement);
    const cams = elements.filter((e) => e.type === 'node' && typeof e.id === 'number' && isCamera(textTags(e.tags)));
    const ids = deriveOsmDeviceIds(
      cams.map((e) => e.id!),
      adminCode,
    );
    for (let i = 0; i < elements.length; i++) {
      const e = elements[i]!;
      const tags = textTags(e.tags);
      if (e.type !== 'node' || typeof e.id !== 'number' || !isCamera(tags)) {
        skipped += 1;
        continue;
      }
      const f = osmCameraFields(tags);
      yield {
        row: i + 1,
        canonical: true,
        values: {
          device_id: ids.get(e.id),
          name: `${tags.name ?? 'OSM camera'} (osm node/${e.id})`,
          type: f.type,
          lon: typeof e.lon === 'number' ? e.lon : undefined,
          lat: typeof e.lat === 'number' ? e.lat : undefined,
          height_m: f.heightM,
          azimuth_deg: f.azimuthDeg,
          tilt_deg: f.tiltDeg,
          hfov_deg: f.hfovDeg,
          vfov_deg: f.vfovDeg,
          owner_unit: tags.operator,
        },
        provenance: { ...f.provenance, device_id: 'assumed', osm: { id: `node/${e.id}`, tags: f.osmTags } },
        ptzPresets: f.ptzPresets,
      };
    }
  }
  return { records: records(), skipped: () => skipped };
}
