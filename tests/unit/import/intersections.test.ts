import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { OsmCollector } from '../../../gis-data/osm/collect';
import { readOsmXml } from '../../../gis-data/osm/read-osm-xml';
import { readOsmPbf } from '../../../gis-data/osm/read-osm-pbf';
import { extractFeatures } from '../../../gis-data/osm/extract-features';
import { chooseBounds } from '../../../gis-data/osm/choose-bounds';
import { findIntersections } from '../../../gis-data/osm/intersections';
import { buildingHeight } from '../../../gis-data/osm/classify-tags';

const FIXTURE = join(import.meta.dirname, '../../fixtures/import/junctions.osm');

async function collect(): Promise<OsmCollector> {
  const c = new OsmCollector();
  await readOsmXml(createReadStream(FIXTURE), c, 'junctions.osm');
  return c;
}

describe('intersections from the road graph', () => {
  it('finds the crossing, the T junction and one merged dual-carriageway junction, not the continuation or the footway', async () => {
    const f = extractFeatures(await collect());
    const nodeSets = f.intersections.map((i) => i.nodeIds);
    expect(nodeSets).toHaveLength(3);
    expect(nodeSets).toContainEqual([10]);
    expect(nodeSets).toContainEqual([12]);
    expect(nodeSets).toContainEqual([30, 31]);
  });
  it('names a junction after the roads that meet there', async () => {
    const f = extractFeatures(await collect());
    const cross = f.intersections.find((i) => i.nodeIds.includes(10))!;
    expect(cross.roadNames).toEqual(['中山路', '汉中路']);
    expect(cross.topClass).toBe('primary');
  });
  it('does not merge junctions farther apart than the merge radius', () => {
    const coords = new Map<number, [number, number]>([
      [1, [118, 32]],
      [2, [118.001, 32]],
      [3, [118.002, 32]],
      [4, [118.0012, 32.001]],
      [5, [118.0012, 31.999]],
    ]);
    const ways = [
      { id: 1, cls: 'primary', name: undefined, refs: [1, 2, 3] },
      { id: 2, cls: 'residential', name: undefined, refs: [4, 2, 5] },
    ];
    expect(findIntersections(ways, (id) => coords.get(id))).toHaveLength(1);
  });
});

describe('OSM XML reading', () => {
  it('uses the file <bounds> when present', async () => {
    const c = await collect();
    expect(chooseBounds(c, undefined)).toEqual({ bounds: [118, 32, 118.01, 32.01], source: 'file' });
  });
  it('keeps cameras, crowded places and buildings with their tags', async () => {
    const f = extractFeatures(await collect());
    expect(f.cameras.map((c) => c.osmId)).toEqual([50]);
    expect(f.crowded.map((c) => c.kind)).toEqual(['school']);
    expect(f.buildings).toHaveLength(1);
    expect(f.buildings[0]).toMatchObject({ height_m: 12, height_assumed: true });
  });
  it('refuses a DOCTYPE with entities (billion laughs) before expanding anything', async () => {
    const c = new OsmCollector();
    await expect(
      readOsmXml(createReadStream(join(import.meta.dirname, '../../fixtures/import/billion-laughs.osm')), c, 'billion-laughs.osm'),
    ).rejects.toThrow(/DOCTYPE/);
  });
  it('refuses binary garbage with a message naming the file', async () => {
    const garbage = Readable.from([Buffer.from([0x00, 0xff, 0x13, 0x37, 0x42, 0x00, 0x01])]);
    await expect(readOsmXml(garbage, new OsmCollector(), 'garbage.osm')).rejects.toThrow(/garbage\.osm/);
  });
});

describe('OSM PBF reading', () => {
  // junctions.osm.pbf = `osmium cat junctions.osm -o junctions.osm.pbf` (the same data, header bbox set).
  it('reads the header bbox and finds the same features as the XML', async () => {
    const c = new OsmCollector();
    await readOsmPbf(createReadStream(join(import.meta.dirname, '../../fixtures/import/junctions.osm.pbf')), c, 'junctions.osm.pbf');
    const { bounds, source } = chooseBounds(c, undefined);
    expect(source).toBe('file');
    bounds.forEach((v, i) => expect(v).toBeCloseTo([118, 32, 118.01, 32.01][i]!, 6));
    const f = extractFeatures(c);
    expect(f.intersections).toHaveLength(3);
    expect(f.cameras.map((x) => x.osmId)).toEqual([50]);
  });
  it('refuses binary garbage with a message naming the file', async () => {
    const garbage = Readable.from([Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 53) % 256))]);
    await expect(readOsmPbf(garbage, new OsmCollector(), 'garbage.osm.pbf')).rejects.toThrow(/garbage\.osm\.pbf/);
  });
});

describe('building heights', () => {
  it('prefers height=, then levels × 3 m (assumed), then the 9 m default (assumed)', () => {
    expect(buildingHeight({ height: '45 m', 'building:levels': '3' })).toEqual({ heightM: 45, assumed: false });
    expect(buildingHeight({ 'building:levels': '10' })).toEqual({ heightM: 30, assumed: true });
    expect(buildingHeight({})).toEqual({ heightM: 9, assumed: true });
  });
});
