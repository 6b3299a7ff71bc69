// MapLibre sets a CJK label upright along a north–south road and draws vertical forms in place of
// its brackets and punctuation; the web font's subsets for those forms must load with the rest.
import { describe, expect, it } from 'vitest';
import { labelFontCharacters } from '../../../web/src/map/label-fonts';

describe('the characters whose web-font subsets load before the map', () => {
  it("add the vertical forms of the labels' full-width brackets and punctuation", () => {
    expect(labelFontCharacters('安康路（演示）')).toBe('安康路（演示）︵︶');
    expect(labelFontCharacters('城关镇、《一》')).toBe('城关镇、《一》︑︽︾');
  });

  it('add nothing for labels without them, and no form twice', () => {
    expect(labelFontCharacters('安康路')).toBe('安康路');
    expect(labelFontCharacters('（）（）')).toBe('（）（）︵︶');
    expect(labelFontCharacters('')).toBe('');
  });
});
