// 在线率/完好率/联网率 thresholds are inherited town → county → city → default, each rate on its own, so
// a county that only tightens 完好率 still judges 在线率 by the city's figure.
import { describe, expect, it } from 'vitest';
import { resolveThresholds } from '../../../api/domain/status/threshold-inheritance';

const AREAS = [
  { code: '610900', parentCode: null },
  { code: '610902', parentCode: '610900' },
  { code: '61090201', parentCode: '610902' },
  { code: '610921', parentCode: '610900' },
];
const DEFAULTS = { online: 0.95, working: 0.98, networked: 1 };

describe('resolveThresholds', () => {
  it('gives every area the default when nothing is set', () => {
    const r = resolveThresholds(AREAS, [], DEFAULTS);
    expect(r.get('61090201')).toEqual({
      online: 0.95,
      working: 0.98,
      networked: 1,
      onlineFrom: 'default',
      workingFrom: 'default',
      networkedFrom: 'default',
    });
  });

  it("lets a town inherit its county's value and the county's sibling keep the city's", () => {
    const r = resolveThresholds(
      AREAS,
      [
        { areaCode: '610900', online: 0.9, working: null, networked: null },
        { areaCode: '610902', online: null, working: 0.96, networked: null },
      ],
      DEFAULTS,
    );
    expect(r.get('61090201')).toMatchObject({ online: 0.9, working: 0.96, onlineFrom: '610900', workingFrom: '610902' });
    expect(r.get('610921')).toMatchObject({ online: 0.9, working: 0.98, onlineFrom: '610900', workingFrom: 'default' });
  });

  it("prefers the area's own value over its ancestors'", () => {
    const r = resolveThresholds(
      AREAS,
      [
        { areaCode: '610902', online: 0.97, working: 0.97, networked: null },
        { areaCode: '61090201', online: 0.8, working: null, networked: null },
      ],
      DEFAULTS,
    );
    expect(r.get('61090201')).toMatchObject({ online: 0.8, onlineFrom: '61090201', working: 0.97, workingFrom: '610902' });
  });

  it('stops at a parent cycle instead of looping (a corrupt area tree must not hang the API)', () => {
    const r = resolveThresholds(
      [
        { code: 'a', parentCode: 'b' },
        { code: 'b', parentCode: 'a' },
      ],
      [{ areaCode: 'b', online: 0.5, working: null, networked: null }],
      DEFAULTS,
    );
    expect(r.get('a')).toMatchObject({ online: 0.5, working: 0.98 });
  });

  it("inherits the 联网率 threshold on its own: a county that sets only 联网率 keeps the city's 在线率", () => {
    const r = resolveThresholds(
      AREAS,
      [
        { areaCode: '610900', online: 0.9, working: null, networked: null },
        { areaCode: '610902', online: null, working: null, networked: 0.85 },
      ],
      DEFAULTS,
    );
    expect(r.get('61090201')).toMatchObject({ networked: 0.85, networkedFrom: '610902', online: 0.9, onlineFrom: '610900' });
    expect(r.get('610921')).toMatchObject({ networked: 1, networkedFrom: 'default' });
  });
});
