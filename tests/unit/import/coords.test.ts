import { describe, expect, it } from 'vitest';
import gcoord from 'gcoord';
import { toWgs84, wgs84ToGcj02 } from '../../../gis-data/coords/to-wgs84';
import { gcjOffsetVerdict } from '../../../gis-data/coords/gcj-offset-verdict';

// Known WGS-84 / GCJ-02 pairs published as test vectors by googollee/eviltransform
// (python/test.py), an implementation independent of gcoord.
const PAIRS = [
  { name: 'Shanghai', wgs: [121.5272106, 31.1774276], gcj: [121.531541859215, 31.17530398364597] },
  { name: 'Shenzhen', wgs: [113.912316, 22.543847], gcj: [113.9171764808363, 22.540796131694766] },
  { name: 'Beijing', wgs: [116.377817, 39.911954], gcj: [116.38404722455657, 39.91334545536069] },
] as const;

function metres(a: readonly number[], b: readonly number[]): number {
  const dy = (a[1]! - b[1]!) * 110_574;
  const dx = (a[0]! - b[0]!) * 111_320 * Math.cos((a[1]! * Math.PI) / 180);
  return Math.hypot(dx, dy);
}

describe('CRS conversion to WGS-84', () => {
  for (const p of PAIRS) {
    it(`GCJ-02 → WGS-84 lands within 1 m of the published point (${p.name})`, () => {
      expect(metres(toWgs84(p.gcj[0], p.gcj[1], 'gcj02'), p.wgs)).toBeLessThan(1);
    });
    it(`WGS-84 → GCJ-02 matches the published offset within 1 m (${p.name})`, () => {
      expect(metres(wgs84ToGcj02(p.wgs[0], p.wgs[1]), p.gcj)).toBeLessThan(1);
    });
  }
  it('moves GCJ-02 points by hundreds of metres in China, which is why the datum matters', () => {
    expect(metres(toWgs84(118.78, 32.04, 'gcj02'), [118.78, 32.04])).toBeGreaterThan(300);
  });
  it('BD-09 → WGS-84 inverts the WGS-84 → BD-09 offset within 1 m', () => {
    const wgs: [number, number] = [118.7912, 32.0476];
    const bd = gcoord.transform(wgs, gcoord.WGS84, gcoord.BD09);
    expect(metres(bd, wgs)).toBeGreaterThan(500);
    expect(metres(toWgs84(bd[0], bd[1], 'bd09'), wgs)).toBeLessThan(1);
  });
  it('takes CGCS2000 as WGS-84 (centimetre difference) and leaves points outside China alone', () => {
    expect(toWgs84(118.78, 32.04, 'cgcs2000')).toEqual([118.78, 32.04]);
    expect(toWgs84(8.54, 47.37, 'gcj02')).toEqual([8.54, 47.37]);
  });
});

describe('GCJ-02 offset verdict', () => {
  it('flags a file whose points fit roads far better after the GCJ-02 correction', () => {
    const v = gcjOffsetVerdict(Array.from({ length: 10 }, () => ({ rawM: 40, shiftedM: 3 })));
    expect(v).toMatchObject({ checked: true, likely: true, medianRawM: 40, medianShiftedM: 3 });
  });
  it('does not flag a correct WGS-84 file', () => {
    expect(gcjOffsetVerdict(Array.from({ length: 10 }, () => ({ rawM: 3, shiftedM: 40 }))).likely).toBe(false);
  });
  it('does not judge from too few points or points that did not move', () => {
    expect(gcjOffsetVerdict([{ rawM: 40, shiftedM: 3 }]).checked).toBe(false);
    expect(gcjOffsetVerdict(Array.from({ length: 10 }, () => ({ rawM: 40, shiftedM: 40 }))).checked).toBe(false);
  });
});
