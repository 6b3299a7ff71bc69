import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, type TestApp } from '../../helpers/api';
import { insertCamera, lonLatToTile, SPOT } from '../../helpers/api-fixtures';
import { CAMERA_DETAIL_MIN_ZOOM } from '../../../api/domain/tiles/render-tile';
import { CLUSTER_BELOW_ZOOM } from '../../../web/src/map/coverage-layers';
import { standsOn } from '../../../web/src/map/camera-clusters';

function decode(buf: ArrayBuffer): VectorTile {
  return new VectorTile(new PbfReader(new Uint8Array(buf)));
}

describe('vector tiles', () => {
  let db: TestDatabase;
  let t: TestApp;
  let headers: Record<string, string>;
  const tile = (z: number) => {
    const { x, y } = lonLatToTile(SPOT.lon, SPOT.lat, z);
    return `${z}/${x}/${y}`;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTestApp(db);
    headers = await t.login('viewer');
    const cam = await insertCamera(db.pool, { installDate: '2019-05-01' });
    await insertCamera(db.pool, { installDate: '2023-01-10', lon: SPOT.lon + 0.0005 });
    await insertCamera(db.pool, { installDate: '2015-01-01', removalDate: '2021-06-30', lon: SPOT.lon - 0.0005 });
    await db.pool.query("INSERT INTO camera_status (camera_id, state, since, last_poll_at) VALUES ($1, 'AUTH_FAILED', now(), now())", [
      cam.id,
    ]);
    await db.pool.query(
      `INSERT INTO buildings (name, height_m, geom) VALUES ('b', 12,
      ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint($1, $2), 4326), 0.0002)))`,
      [SPOT.lon + 0.001, SPOT.lat],
    );
    await db.pool.query(
      `INSERT INTO roads (name, class, geom) VALUES ('main', 'primary',
      ST_SetSRID(ST_MakeLine(ST_MakePoint($1 - 0.01, $2), ST_MakePoint($1 + 0.01, $2)), 4326)),
      ('lane', 'residential', ST_SetSRID(ST_MakeLine(ST_MakePoint($1, $2 - 0.01), ST_MakePoint($1, $2 + 0.01)), 4326))`,
      [SPOT.lon, SPOT.lat],
    );
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('camera tiles carry id, type, state (UNKNOWN when never polled) and optics for the map', async () => {
    const res = await t.app.request(`/tiles/cameras/${tile(15)}.mvt`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    const layer = decode(await res.arrayBuffer()).layers.cameras!;
    const props = Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties);
    expect(props).toHaveLength(2); // the removed camera is gone today
    expect(props.map((p) => p.state).sort()).toEqual(['AUTH_FAILED', 'UNKNOWN']);
    expect(props[0]).toMatchObject({ type: 'fixed', azimuth_deg: 90, hfov_deg: 60 });
    expect(JSON.stringify(props)).not.toMatch(/password/i);
  });

  it('below the detail zoom (the clusters) camera tiles carry only id, device_id and state; from it every property', async () => {
    const keys = async (z: number) => {
      const res = await t.app.request(`/tiles/cameras/${tile(z)}.mvt`, { headers });
      expect(res.status).toBe(200);
      const layer = decode(await res.arrayBuffer()).layers.cameras!;
      return Array.from({ length: layer.length }, (_, i) => Object.keys(layer.feature(i).properties).sort());
    };
    const slim = await keys(CAMERA_DETAIL_MIN_ZOOM - 1);
    expect(slim).toHaveLength(2);
    for (const k of slim) expect(k).toEqual(['device_id', 'id', 'state']);
    for (const k of await keys(CAMERA_DETAIL_MIN_ZOOM))
      expect(k).toEqual(expect.arrayContaining(['name', 'type', 'azimuth_deg', 'hfov_deg', 'install_date']));
    // The web app draws icons (which read those properties) from the same zoom on.
    expect(CLUSTER_BELOW_ZOOM).toBe(CAMERA_DETAIL_MIN_ZOOM);
  });

  it('asOf shows the network as it stood that day (the 2020 deadline view)', async () => {
    const res = await t.app.request(`/tiles/cameras/${tile(15)}.mvt?asOf=2020-12-31`, { headers });
    const layer = decode(await res.arrayBuffer()).layers.cameras!;
    const installs = Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties.install_date).sort();
    expect(installs).toEqual(['2015-01-01', '2019-05-01']);
  });

  it('allDates gives the cameras of every date with their install and removal dates, and the web shows a date by the same rule', async () => {
    const cameras = async (query: string, z = CAMERA_DETAIL_MIN_ZOOM - 1) => {
      const res = await t.app.request(`/tiles/cameras/${tile(z)}.mvt${query}`, { headers });
      expect([200, 204]).toContain(res.status);
      if (res.status === 204) return []; // nothing standing that day
      const layer = decode(await res.arrayBuffer()).layers.cameras!;
      return Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties);
    };
    const all = await cameras('?allDates=1');
    // Below the detail zoom too: the clusters of a date are made from these.
    expect(all.map((p) => [p.install_date, p.removal_date ?? null]).sort()).toEqual([
      ['2015-01-01', '2021-06-30'],
      ['2019-05-01', null],
      ['2023-01-10', null],
    ]);
    // asOf is ignored with allDates; the web's rule picks each date's cameras as asOf= does.
    expect(await cameras('?allDates=1&asOf=2020-12-31')).toHaveLength(3);
    for (const day of ['2014-12-31', '2015-01-01', '2020-12-31', '2021-06-29', '2021-06-30', '2023-01-10'])
      expect(
        all
          .filter((p) => standsOn({ installDate: p.install_date as string, removalDate: p.removal_date as string | undefined }, day))
          .map((p) => p.id)
          .sort(),
        day,
      ).toEqual((await cameras(`?asOf=${day}`)).map((p) => p.id).sort());
    // Without it the slim tiles stay slim.
    for (const p of await cameras('')) expect(Object.keys(p).sort()).toEqual(['device_id', 'id', 'state']);
    const bad = await t.app.request(`/tiles/cameras/${tile(12)}.mvt?allDates=yes`, { headers });
    expect(bad.status).toBe(400);
  });

  it('a tile with nothing in it is 204, so the client draws nothing without decoding', async () => {
    const res = await t.app.request('/tiles/cameras/15/0/0.mvt', { headers });
    expect(res.status).toBe(204);
  });

  it('an unchanged tile is 304 for its ETag, so browsers do not download it again', async () => {
    const first = await t.app.request(`/tiles/roads/${tile(14)}.mvt`, { headers });
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const second = await t.app.request(`/tiles/roads/${tile(14)}.mvt`, { headers: { ...headers, 'If-None-Match': etag! } });
    expect(second.status).toBe(304);
  });

  it('tiles travel gzipped to browsers, and the gzipped ETag still gives 304', async () => {
    const plain = await t.app.request(`/tiles/roads/${tile(14)}.mvt`, { headers });
    const zipped = await t.app.request(`/tiles/roads/${tile(14)}.mvt`, { headers: { ...headers, 'Accept-Encoding': 'gzip' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const bytes = new Uint8Array(await zipped.arrayBuffer());
    expect(gunzipSync(bytes).equals(Buffer.from(await plain.arrayBuffer()))).toBe(true);
    const etag = zipped.headers.get('etag');
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await t.app.request(`/tiles/roads/${tile(14)}.mvt`, {
      headers: { ...headers, 'Accept-Encoding': 'gzip', 'If-None-Match': etag! },
    });
    expect(again.status).toBe(304);
  });

  it('filters by zoom: no buildings below z14 and only main roads at z10', async () => {
    expect((await t.app.request(`/tiles/buildings/${tile(13)}.mvt`, { headers })).status).toBe(204);
    const b14 = await t.app.request(`/tiles/buildings/${tile(14)}.mvt`, { headers });
    expect(b14.status).toBe(200);
    expect(decode(await b14.arrayBuffer()).layers.buildings!.length).toBe(1);
    const roads10 = decode(await (await t.app.request(`/tiles/roads/${tile(10)}.mvt`, { headers })).arrayBuffer()).layers.roads!;
    expect(roads10.length).toBe(1);
    expect(roads10.feature(0).properties.class).toBe('primary');
  });

  it('rejects impossible tile addresses and unknown layers with the field named', async () => {
    const bad = await t.app.request('/tiles/cameras/3/8/0.mvt', { headers });
    expect(bad.status).toBe(400);
    const layer = await t.app.request('/tiles/secrets/3/0/0.mvt', { headers });
    expect(((await layer.json()) as { error: { field: string } }).error.field).toBe('layer');
    const asOf = await t.app.request(`/tiles/cameras/${tile(15)}.mvt?asOf=2020-02-30`, { headers });
    expect(asOf.status).toBe(400);
  });

  it('tiles need a session: camera positions are not public', async () => {
    expect((await t.app.request(`/tiles/cameras/${tile(15)}.mvt`)).status).toBe(401);
  });
});
