// The glossary holds a zh-CN and an English term for every code the product shows, so no screen,
// report, CSV header or CLI line falls back to a raw code. Issue 17: the report said
// "道路交叉口 / 清晰度不足" where the UI said "路口 / 细节不足", and level names, camera types and CSV
// headers were shown untranslated.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BLIND_SPOT_REASONS } from '../../../gis-data/coverage/blind-spot-reasons';
import { TARGET_CLASSES } from '../../../coverage-engine/settings';
import { BLIND_SPOT_COLUMNS, CAMERA_COLUMNS, WHY_COLUMNS } from '../../../api/domain/exports/export-records';
import { REPORT_CSV_COLUMNS } from '../../../api/domain/exports/render-report-csv';
import { allLevels } from '../../../gis-data/optics';
import { CANONICAL_COLUMNS, mapHeaders } from '../../../gis-data/ledger/columns';
import { CAMERA_TYPES, formatClassMeasure, GLOSSARY, hasTerm, LANGS, term, toLang, type GlossaryGroup } from '../../../vocabulary/glossary';

const CJK = /[\u3400-\u9fff]/;

function expectTerms(group: GlossaryGroup, codes: readonly string[]) {
  for (const code of codes) {
    expect(hasTerm(group, code), `${group}.${code} has no term`).toBe(true);
    const zh = term('zh', group, code);
    const en = term('en', group, code);
    expect(zh, `${group}.${code} zh`).toMatch(CJK);
    expect(en, `${group}.${code} en`).not.toMatch(CJK);
    expect(en.trim(), `${group}.${code} en`).not.toBe('');
    // A term that is the code itself is an untranslated code on screen.
    expect(en, `${group}.${code} en is the raw code`).not.toBe(code);
  }
}

describe('glossary', () => {
  it('names every target class and blind-spot reason the coverage engine produces, in both languages', () => {
    expectTerms('targetClass', TARGET_CLASSES);
    expectTerms('blindSpotReason', BLIND_SPOT_REASONS);
  });

  it('names every detail level of both standards (the level picker showed "detect", "observe" raw)', () => {
    expectTerms(
      'level',
      allLevels().map((l) => l.name),
    );
  });

  it('names every camera type the registry accepts (the camera card showed "ptz", "dome" raw)', () => {
    const sql = readFileSync(new URL('../../../migrations/0001_create_foundation.sql', import.meta.url), 'utf8');
    const check = /type text NOT NULL CHECK \(type IN \(([^)]*)\)\)/.exec(sql)![1]!;
    const registry = [...check.matchAll(/'([a-z]+)'/g)].map((m) => m[1]);
    expect([...CAMERA_TYPES].sort()).toEqual(registry.sort());
    expectTerms('cameraType', CAMERA_TYPES);
  });

  it('labels every CSV column and ledger field (CSV headers were raw snake_case)', () => {
    expectTerms('column', [
      'lon',
      'lat',
      ...CAMERA_COLUMNS,
      ...BLIND_SPOT_COLUMNS,
      ...WHY_COLUMNS,
      ...REPORT_CSV_COLUMNS,
      ...CANONICAL_COLUMNS,
    ]);
  });

  it('one term per concept: the report and the UI use the plan wording, and low_detail is 细节不足', () => {
    expect(term('zh', 'targetClass', 'intersection')).toBe('道路交叉口');
    expect(term('zh', 'blindSpotReason', 'low_detail')).toBe('细节不足');
    // No two codes of a group share a term: a reader could not tell them apart.
    for (const group of Object.keys(GLOSSARY) as GlossaryGroup[]) {
      if (group === 'unit' || group === 'measure') continue;
      for (const lang of LANGS) {
        const words = Object.keys(GLOSSARY[group]).map((c) => term(lang, group, c));
        expect(new Set(words).size, `${group} ${lang}: ${words.join(', ')}`).toBe(words.length);
      }
    }
  });

  it('a header the export writes imports back to its ledger field, in either language', () => {
    for (const lang of LANGS) {
      const headers = CANONICAL_COLUMNS.map((c) => term(lang, 'column', c));
      const { mapping, unmapped } = mapHeaders(headers);
      expect(unmapped, lang).toEqual([]);
      expect(Object.values(mapping), lang).toEqual([...CANONICAL_COLUMNS]);
    }
  });

  it('one unit per class: roads in km, areas in m² (never hectares), intersections counted', () => {
    expect(formatClassMeasure('zh', 'road', 12_345)).toBe('12.35 公里');
    expect(formatClassMeasure('en', 'road', 12_345)).toBe('12.35 km');
    expect(formatClassMeasure('en', 'hotspot', 23_456.4)).toBe('23,456 m²');
    expect(formatClassMeasure('zh', 'crowded_place', 23_456.4)).toBe('23,456 平方米');
    expect(formatClassMeasure('zh', 'intersection', 17)).toBe('17 个');
  });

  it('is Chinese-first: only an English tag gives English', () => {
    expect(toLang(undefined)).toBe('zh');
    expect(toLang('zh-CN')).toBe('zh');
    expect(toLang('fr')).toBe('zh');
    expect(toLang('en')).toBe('en');
    expect(toLang('en-GB')).toBe('en');
  });
});
