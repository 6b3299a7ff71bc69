// The web's zh-CN and English tables: the same keys and placeholders in both, no empty string,
// and the glossary's terms where the UI names a class, a reason, a level, a camera type or a
// column (issue 17: "路口" on screen against "道路交叉口" in the report; levels and camera types
// shown raw).
import { describe, expect, it } from 'vitest';
import { en } from '../../../web/src/i18n/en';
import { zh } from '../../../web/src/i18n/zh';
import { labels, LANGS } from '../../../vocabulary/glossary';

type Tree = { [k: string]: string | Tree };

function flatten(t: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(t)) {
    const key = prefix === '' ? k : `${prefix}.${k}`;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('i18n tables', () => {
  const z = flatten(zh as unknown as Tree);
  const e = flatten(en as unknown as Tree);

  it('zh and en have exactly the same keys', () => {
    expect([...e.keys()].sort()).toEqual([...z.keys()].sort());
  });

  it('no string is empty and both sides take the same placeholders', () => {
    for (const [k, v] of z) {
      expect(v.trim(), `zh ${k}`).not.toBe('');
      expect(e.get(k)?.trim(), `en ${k}`).not.toBe('');
      expect(placeholders(e.get(k) ?? ''), k).toEqual(placeholders(v));
    }
  });

  it('class, reason, level, camera type and column labels are the glossary terms', () => {
    const tables = { zh, en } as const;
    for (const lang of LANGS) {
      const t = tables[lang] as unknown as Record<string, unknown>;
      expect(t.class, lang).toEqual(labels(lang, 'targetClass'));
      expect(t.reason, lang).toEqual(labels(lang, 'blindSpotReason'));
      expect(t.level, lang).toEqual(labels(lang, 'level'));
      expect(t.cameraType, lang).toEqual(labels(lang, 'cameraType'));
      expect(t.column, lang).toEqual(labels(lang, 'column'));
      expect(t.unit, lang).toEqual(labels(lang, 'unit'));
    }
  });
});
