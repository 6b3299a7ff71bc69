// Attribute names vary between GIS departments; these find the usual ones (English and Chinese).
export function pickProperty(props: Record<string, unknown> | null | undefined, names: readonly string[]): string | undefined {
  if (props === null || props === undefined) return undefined;
  const lower = new Map(Object.keys(props).map((k) => [k.toLowerCase(), k]));
  for (const n of names) {
    const k = lower.get(n.toLowerCase());
    const v = k === undefined ? undefined : props[k];
    // Only scalars are attribute values: String() of a parsed {"toString":1} throws.
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') continue;
    if (String(v).trim() !== '') return String(v).trim();
  }
  return undefined;
}

export const NAME_KEYS = ['name', '名称', 'mc', 'name_zh', 'NAME'] as const;
export const CODE_KEYS = ['code', 'adcode', '区划代码', '行政区划代码', 'dm', 'xzqdm', 'gb'] as const;
export const KIND_KEYS = ['kind', 'type', '类型', 'lx'] as const;
