import { describe, expect, it } from 'vitest';
import { validateRow, type RowContext } from '../../../gis-data/ledger/validate-row';
import { parseDate, parseResolution } from '../../../gis-data/ledger/parse-values';

const area: RowContext = { crs: 'wgs84', area: [118.76, 32.03, 118.8, 32.06] };
const good = { device_id: '32010600001320000001', lon: '118.78', lat: '32.042', type: 'fixed', azimuth_deg: '90', height_m: '6' };

function code(values: Record<string, unknown>, ctx: RowContext = area): string {
  const r = validateRow({ values }, ctx);
  return r.ok ? 'ok' : r.code;
}

describe('ledger row validation: every rejection reason a clerk can act on', () => {
  it('accepts a complete row', () => expect(code(good)).toBe('ok'));
  it('rejects a malformed device id', () => expect(code({ ...good, device_id: '1234' })).toBe('bad_device_id'));
  it('rejects a device id Excel turned into a number (digits already lost)', () => {
    const r = validateRow({ values: { ...good, device_id: 32010600001320000000 } }, area);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/lost digits/);
  });
  it('rejects missing coordinates and 0,0 placeholders', () => {
    expect(code({ ...good, lon: '', lat: '' })).toBe('missing_coordinates');
    expect(code({ ...good, lon: '0', lat: '0' })).toBe('missing_coordinates');
  });
  it('rejects non-numeric coordinates', () => expect(code({ ...good, lon: 'abc' })).toBe('bad_coordinates'));
  it('detects swapped lat/lon by range and by the loaded area', () => {
    expect(code({ ...good, lon: '32.042', lat: '118.78' })).toBe('swapped_lat_lon');
    expect(code({ ...good, lon: '32.042', lat: '118.78' }, { crs: 'wgs84', area: null })).toBe('swapped_lat_lon');
  });
  it('rejects a position outside the loaded area', () => expect(code({ ...good, lon: '116.397', lat: '39.909' })).toBe('outside_area'));
  it('rejects azimuths outside [0, 360) but reads 360 as north', () => {
    expect(code({ ...good, azimuth_deg: '400' })).toBe('azimuth_out_of_range');
    expect(code({ ...good, azimuth_deg: '-5' })).toBe('azimuth_out_of_range');
    const r = validateRow({ values: { ...good, azimuth_deg: '360' } }, area);
    expect(r.ok && r.camera.azimuth_deg).toBe(0);
  });
  it('rejects a tilt beyond ±90°', () => expect(code({ ...good, tilt_deg: '120' })).toBe('tilt_out_of_range'));
  it('rejects impossible optics (zero FOV, a 270° fixed lens)', () => {
    expect(code({ ...good, hfov_deg: '0' })).toBe('impossible_optics');
    expect(code({ ...good, hfov_deg: '270' })).toBe('impossible_optics');
  });
  it('rejects unreadable dates and removal before installation', () => {
    expect(code({ ...good, install_date: '2018-13-45' })).toBe('bad_date');
    expect(code({ ...good, install_date: '2019-05-01', removal_date: '2018-01-01' })).toBe('bad_date');
  });
  it('says why an impossible day does not exist, in any spelling the ledger reads (issue 15 item 4)', () => {
    // Before: every impossible day got "is not a date (use YYYY-MM-DD)", as if it were misspelt.
    const message = (v: Record<string, unknown>) => {
      const r = validateRow({ values: { ...good, ...v } }, area);
      return r.ok ? null : { code: r.code, field: r.field, message: r.message };
    };
    expect(message({ install_date: '2021-02-29' })).toMatchObject({
      code: 'bad_date',
      field: 'install_date',
      message: expect.stringMatching(/February 2021 has 28 days, so day 29 does not exist/),
    });
    expect(message({ removal_date: '2020年4月31日' })?.message).toMatch(/April 2020 has 30 days, so day 31 does not exist/);
    expect(message({ install_date: 'soon' })?.message).toMatch(/"soon" is not a date \(use YYYY-MM-DD\)/);
    expect(message({ install_date: '1900-01-01' })?.message).toMatch(/outside the years 1980–2100/);
  });
  it('rejects an unknown camera type and a non-http ONVIF address', () => {
    expect(code({ ...good, type: 'rocket' })).toBe('bad_value');
    expect(code({ ...good, onvif_url: 'javascript:alert(1)' })).toBe('bad_value');
  });
  it('accepts a row missing survey fields with defaults marked assumed', () => {
    const r = validateRow({ values: { device_id: good.device_id, lon: good.lon, lat: good.lat } }, area);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.camera).toMatchObject({ type: 'fixed', height_m: 6, hfov_deg: 60, resolution_h: 1920, resolution_v: 1080, azimuth_deg: null });
    expect(r.assumed).toEqual(expect.arrayContaining(['type', 'height_m', 'azimuth_deg', 'hfov_deg', 'vfov_deg', 'resolution_h']));
    expect(r.camera.provenance.height_m).toBe('assumed');
  });
  it('marks given values surveyed', () => {
    const r = validateRow({ values: good }, area);
    expect(r.ok && r.camera.provenance.azimuth_deg).toBe('surveyed');
  });
  it('converts a declared GCJ-02 position to WGS-84 before the area check', () => {
    const r = validateRow({ values: { ...good, lon: '118.7850', lat: '32.0400' } }, { crs: 'gcj02', area: area.area });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.camera.lon).toBeLessThan(118.785);
  });
});

describe('ledger value parsing', () => {
  it('reads resolutions as written in Chinese ledgers', () => {
    expect(parseResolution('1920*1080')).toEqual([1920, 1080]);
    expect(parseResolution('2560×1440')).toEqual([2560, 1440]);
    expect(parseResolution('200万')).toEqual([1920, 1080]);
    expect(parseResolution('high')).toBeNull();
  });
  it('reads dates in the usual Chinese and ISO spellings and refuses impossible ones', () => {
    expect(parseDate('2018年5月1日')).toBe('2018-05-01');
    expect(parseDate('2019/3/2')).toBe('2019-03-02');
    expect(parseDate('20200131')).toBe('2020-01-31');
    expect(parseDate('2019-02-30')).toBeNull();
    expect(parseDate(43466)).toBe('2019-01-01');
  });
});
