// Resource classes by owner (一类 public security, 二类 government and industry, 三类 social units):
// the words ledgers use for them, and an unknown word told apart from an empty cell.
import { describe, expect, it } from 'vitest';
import { parseResourceClass, RESOURCE_CLASS_LABELS, RESOURCE_CLASSES } from '../../../vocabulary/resource-classes';

describe('resource classes', () => {
  it('reads the ways ledgers write them', () => {
    for (const [words, cls] of [
      [['一类', '1', 1, 'I', 'Ⅰ类', 'class 1', 'Class1', '一类点位', ' 一类 '], 1],
      [['二类', '2', 2, 'II', 'Ⅱ类', 'class 2', '二类资源'], 2],
      [['三类', '3', 3, 'iii', 'Ⅲ', 'CLASS 3', '三类视频'], 3],
    ] as const)
      for (const w of words) expect(parseResourceClass(w), String(w)).toBe(cls);
  });

  it('tells an empty cell (not recorded) from a word that is no class (an error)', () => {
    for (const empty of [undefined, null, '', '  ']) expect(parseResourceClass(empty)).toBeUndefined();
    for (const bad of ['四类', '4', 0, 'public', '一二类', 'class', '类']) expect(parseResourceClass(bad), String(bad)).toBeNull();
  });

  it('labels every class in Chinese and English', () => {
    expect(RESOURCE_CLASSES.map((c) => RESOURCE_CLASS_LABELS[c].zh)).toEqual(['一类', '二类', '三类']);
    for (const c of RESOURCE_CLASSES) expect(RESOURCE_CLASS_LABELS[c].en).toMatch(new RegExp(`^class ${c} `));
  });
});
