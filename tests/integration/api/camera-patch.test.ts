// Regression (issue 15 item 2): PATCH /cameras/{deviceId} with {"name":"x"} answered 200 and set
// resolution, HFOV/VFOV, owner unit, ONVIF URL and user to null, provenance to {} and source to
// "manual": the patch schema kept the create schema's defaults, so every absent field was "set to
// its default". PATCH is a JSON Merge Patch (RFC 7396): absent keeps, a value sets, null clears
// (400 for a field that cannot be empty), and objects (provenance) merge key by key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeCoverage } from '../../../coverage-engine';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { createTestApp, type TestApp } from '../../helpers/api';
import { deviceId, SPOT } from '../../helpers/api-fixtures';

type Json = Record<string, unknown>;

/** A camera with every editable field set to something other than its default. */
const FULL = {
  name: 'North gate',
  type: 'dome',
  lon: SPOT.lon,
  lat: SPOT.lat,
  heightM: 7.5,
  azimuthDeg: 45,
  tiltDeg: 12,
  resolutionH: 2560,
  resolutionV: 1440,
  hfovDeg: 80,
  vfovDeg: 48,
  sensorWidthMm: 5.6,
  focalLengthMm: 3.2,
  ptzPresets: [{ azimuthDeg: 10 }],
  installDate: '2019-05-01',
  removalDate: '2030-01-01',
  ownerUnit: 'County PSB',
  onvifUrl: 'http://127.0.0.1:18080/onvif/x/device_service',
  onvifUser: 'operator',
  provenance: { height_m: 'surveyed', hfov_deg: 'assumed' },
  source: 'ledger:csv',
};
type Field = keyof typeof FULL;

/** A different valid value for each field. */
const OTHER: Record<Field, unknown> = {
  name: 'South gate',
  type: 'ptz',
  lon: SPOT.lon + 0.001,
  lat: SPOT.lat + 0.001,
  heightM: 9,
  azimuthDeg: 200,
  tiltDeg: 20,
  resolutionH: 3840,
  resolutionV: 2160,
  hfovDeg: 60,
  vfovDeg: 34,
  sensorWidthMm: 6.4,
  focalLengthMm: 4,
  ptzPresets: [{ azimuthDeg: 90, tiltDeg: 10 }],
  installDate: '2018-03-03',
  removalDate: '2031-12-31',
  ownerUnit: 'City PSB',
  onvifUrl: 'http://127.0.0.1:18080/onvif/y/device_service',
  onvifUser: 'admin2',
  provenance: { tilt_deg: 'surveyed' },
  source: 'manual',
};
const NULLABLE: Field[] = [
  'azimuthDeg',
  'tiltDeg',
  'resolutionH',
  'resolutionV',
  'hfovDeg',
  'vfovDeg',
  'sensorWidthMm',
  'focalLengthMm',
  'installDate',
  'removalDate',
  'ownerUnit',
  'onvifUrl',
  'onvifUser',
];
const NOT_NULLABLE: Field[] = ['name', 'type', 'lon', 'lat', 'heightM', 'ptzPresets', 'provenance', 'source'];

describe('PATCH /cameras/{deviceId} is a JSON Merge Patch', () => {
  let db: TestDatabase;
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTestApp(db);
    h = await t.login('engineer');
    // One intersection beside the spot and the data's UTM zone, so the coverage engine stores
    // footprints for the cameras (observed below to tell whether a refresh ran).
    await db.pool.query(
      `INSERT INTO settings (key, value) VALUES ('metric_srid', '32649') ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    );
    await db.pool.query(
      `INSERT INTO targets (class, kind, name, required_level, priority, source, source_ref, geom)
       VALUES ('intersection', 'crossroads', 'X', 'observe', 1, 'test', 'x/1', ST_SetSRID(ST_MakePoint($1, $2), 4326))`,
      [SPOT.lon + 0.0002, SPOT.lat],
    );
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  async function create(extra: Json = {}): Promise<{ id: string; before: Json }> {
    const id = deviceId();
    const res = await t.json('POST', '/api/v1/cameras', { deviceId: id, ...FULL, onvifPassword: 'cam-pass-1', ...extra }, h);
    expect(res.status, await res.clone().text()).toBe(201);
    return { id, before: (await res.json()) as Json };
  }
  const editable = (c: Json) => Object.fromEntries(Object.keys(FULL).map((k) => [k, c[k]]));
  const patch = (id: string, body: unknown) => t.json('PATCH', `/api/v1/cameras/${id}`, body, h);

  it('a patch naming only the name changes only the name (every other field, provenance, source and the password kept)', async () => {
    const { id, before } = await create();
    const res = await patch(id, { name: 'x' });
    expect(res.status).toBe(200);
    const after = (await res.json()) as Json;
    expect(editable(after)).toEqual({ ...editable(before), name: 'x' });
    expect(after.hasPassword).toBe(true);
    const card = (await (await t.app.request(`/api/v1/cameras/${id}`, { headers: h })).json()) as Json;
    expect(editable(card)).toEqual({ ...editable(before), name: 'x' });
  });

  it('an empty patch changes nothing', async () => {
    const { id, before } = await create();
    const after = (await (await patch(id, {})).json()) as Json;
    expect(editable(after)).toEqual(editable(before));
  });

  for (const field of Object.keys(FULL) as Field[]) {
    it(`a value for ${field} sets ${field} and nothing else`, async () => {
      const { id, before } = await create();
      const res = await patch(id, { [field]: OTHER[field] });
      expect(res.status, await res.clone().text()).toBe(200);
      const after = editable((await res.json()) as Json);
      const expected =
        field === 'provenance'
          ? { ...editable(before), provenance: { ...FULL.provenance, ...(OTHER.provenance as Json) } }
          : { ...editable(before), [field]: OTHER[field] };
      expect(after).toEqual(expected);
    });
  }

  for (const field of NULLABLE) {
    it(`null clears ${field} and nothing else`, async () => {
      const { id, before } = await create();
      const res = await patch(id, { [field]: null });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(editable((await res.json()) as Json)).toEqual({ ...editable(before), [field]: null });
    });
  }

  for (const field of NOT_NULLABLE) {
    it(`null for ${field}, which cannot be empty, is a 400 naming it and changes nothing`, async () => {
      const { id, before } = await create();
      const res = await patch(id, { [field]: null });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { field: string } }).error.field).toBe(field);
      const card = (await (await t.app.request(`/api/v1/cameras/${id}`, { headers: h })).json()) as Json;
      expect(editable(card)).toEqual(editable(before));
    });
  }

  it('provenance merges key by key: a value sets that key, null removes it (RFC 7396 on a nested object)', async () => {
    const { id } = await create();
    const res = await patch(id, { provenance: { hfov_deg: null, tilt_deg: 'surveyed' } });
    expect(((await res.json()) as Json).provenance).toEqual({ height_m: 'surveyed', tilt_deg: 'surveyed' });
  });

  it('the ONVIF password: absent keeps it, a value replaces it, null removes it', async () => {
    const { id } = await create();
    const stored = async () =>
      (await db.pool.query<{ enc: Buffer | null }>('SELECT onvif_password_enc AS enc FROM cameras WHERE device_id = $1', [id])).rows[0]!
        .enc;
    const first = await stored();
    await patch(id, { name: 'y' });
    expect((await stored())!.equals(first!)).toBe(true);
    expect(((await (await patch(id, { onvifPassword: 'new-pass' })).json()) as Json).hasPassword).toBe(true);
    expect((await stored())!.equals(first!)).toBe(false);
    expect(((await (await patch(id, { onvifPassword: null })).json()) as Json).hasPassword).toBe(false);
    expect(await stored()).toBeNull();
  });

  it('a removal date before the install date is still refused when only one of them is patched', async () => {
    const { id } = await create();
    const res = await patch(id, { removalDate: '2010-01-01' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('removalDate');
  });

  it('the merge-patch media type is accepted too', async () => {
    const { id } = await create();
    const res = await t.app.request(`/api/v1/cameras/${id}`, {
      method: 'PATCH',
      headers: { ...h, 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({ ownerUnit: null }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).ownerUnit).toBeNull();
  });

  it('coverage is refreshed when a geometry or optics field changes, and left alone for a rename', async () => {
    const { id } = await create({ removalDate: null, type: 'fixed', ptzPresets: [] });
    await recomputeCoverage(db.pool);
    const footprint = async () =>
      (
        await db.pool.query<{ computed_at: Date; area_m2: number }>(
          `SELECT f.computed_at, f.area_m2 FROM camera_footprints f JOIN cameras c ON c.id = f.camera_id
           WHERE c.device_id = $1 AND f.occluded AND f.level = 'observe'`,
          [id],
        )
      ).rows[0];
    const first = await footprint();
    expect(first).toBeDefined();
    expect((await patch(id, { name: 'renamed', ownerUnit: 'X' })).status).toBe(200);
    expect((await footprint())!.computed_at).toEqual(first!.computed_at);
    expect((await patch(id, { hfovDeg: 30 })).status).toBe(200);
    const narrowed = await footprint();
    expect(narrowed!.computed_at.getTime()).toBeGreaterThan(first!.computed_at.getTime());
    expect(narrowed!.area_m2).not.toBeCloseTo(first!.area_m2, 0);
  });
});
