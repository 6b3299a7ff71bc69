// Camera resources by owner, as the Sharp Eyes plan (雪亮工程) sorts them when it asks to
// 整合各类视频监控资源: 一类 cameras are built by public security, 二类 by other government
// departments and industries (traffic, urban management, education, ...), 三类 by social units
// (shops, residential estates, schools, hospitals). The registry records the class
// (cameras.resource_class 1/2/3, NULL: not recorded) and the owner (owner_unit); coverage is
// shown for 一类 alone and with the integrated 二类/三类. Pure: the web imports it too.

export const RESOURCE_CLASSES = [1, 2, 3] as const;
export type ResourceClass = (typeof RESOURCE_CLASSES)[number];

export const RESOURCE_CLASS_LABELS: Readonly<Record<ResourceClass, { zh: string; en: string; owners: string }>> = Object.freeze({
  1: { zh: '一类', en: 'class 1 (public security)', owners: '公安机关建设' },
  2: { zh: '二类', en: 'class 2 (government and industry)', owners: '党政机关、行业部门建设' },
  3: { zh: '三类', en: 'class 3 (social units)', owners: '社会单位建设（商铺、小区、学校等）' },
});

export function isResourceClass(v: unknown): v is ResourceClass {
  return typeof v === 'number' && (RESOURCE_CLASSES as readonly number[]).includes(v);
}

const WORDS: ReadonlyMap<string, ResourceClass> = new Map([
  ['1', 1],
  ['2', 2],
  ['3', 3],
  ['一', 1],
  ['二', 2],
  ['三', 3],
  ['i', 1],
  ['ii', 2],
  ['iii', 3],
  ['ⅰ', 1],
  ['ⅱ', 2],
  ['ⅲ', 3],
]);

/**
 * A ledger cell as a class: 一类/二类/三类, 1/2/3, I/II/III (also Ⅰ类), "class 2", "一类点位",
 * "二类资源". undefined for an empty cell (not recorded), null for a word that is none of them
 * (the import rejects the row and says so).
 */
export function parseResourceClass(v: unknown): ResourceClass | null | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return isResourceClass(v) ? v : null;
  const text = String(v).normalize('NFKC').trim().toLowerCase();
  if (text === '') return undefined;
  const core = text
    .replace(/\s+/g, '')
    .replace(/^(class|type|category)/, '')
    .replace(/(类|点位|资源|视频|监控)+$/, '');
  return WORDS.get(core) ?? null;
}
