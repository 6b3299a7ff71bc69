import { describe, expect, it } from 'vitest';
import { makeDeviceId, parseDeviceId } from '../../../gis-data/device-id';

describe('GB/T 28181 device ids', () => {
  it('splits a valid id so the county can be derived from its admin code', () => {
    const r = parseDeviceId('61092101001320000042');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.parts.countyCode).toBe('610921');
      expect(r.parts.adminCode).toBe('61092101');
      expect(r.parts.typeCode).toBe('132');
      expect(r.parts.serial).toBe('000042');
    }
  });

  it.each([
    ['6109210100132000004', /19 digits/],
    ['6109210100132000004X', /other than digits/],
    ['99092101001320000042', /province code/],
    ['61092101001110000042', /type code 111/],
    ['', /empty/],
  ])('rejects %s with a reason a clerk can act on', (id, reason) => {
    const r = parseDeviceId(id);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('builds ids that round-trip through the validator', () => {
    const id = makeDeviceId({ adminCode: '61092101', serial: 7 });
    expect(id).toBe('61092101001320000007');
    expect(parseDeviceId(id).ok).toBe(true);
    expect(() => makeDeviceId({ adminCode: '6109', serial: 1 })).toThrow(/8 digits/);
  });
});
