// MapLibre draws CJK labels with the browser's font (localIdeographFontFamily). The bundled
// Noto Sans SC web font is split into unicode-range subsets that the browser only fetches when
// text needs them, and a canvas does not wait for a font: so before the map starts, load the
// subsets for every character the basemap labels use (the style's metadata lists them), and
// for the vertical forms MapLibre puts in their place when it sets a CJK label upright along a
// north–south road ("（演示）" becomes "︵演示︶"): without them those showed as empty boxes.
import { get } from '../api/client';

export const LABEL_FONT_FAMILY = 'Noto Sans SC';
const FONT_LOAD_TIMEOUT_MS = 8000;

// The CJK punctuation of MapLibre's vertical substitution (symbol layout's verticalizePunctuation)
// and the form it draws instead.
const VERTICAL_FORMS: Readonly<Record<string, string>> = {
  '、': '︑',
  '。': '︒',
  '〈': '︿',
  '〉': '﹀',
  '《': '︽',
  '》': '︾',
  '「': '﹁',
  '」': '﹂',
  '『': '﹃',
  '』': '﹄',
  '【': '︻',
  '】': '︼',
  '〔': '︹',
  '〕': '︺',
  '〖': '︗',
  '〗': '︘',
  '！': '︕',
  '（': '︵',
  '）': '︶',
  '，': '︐',
  '－': '︲',
  '．': '・',
  '：': '︓',
  '；': '︔',
  '＜': '︿',
  '＞': '﹀',
  '？': '︖',
  '［': '﹇',
  '］': '﹈',
  '＿': '︳',
  '｛': '︷',
  '｜': '―',
  '｝': '︸',
  '—': '︱',
  '–': '︲',
  '…': '︙',
  '‘': '﹃',
  '’': '﹄',
  '“': '﹁',
  '”': '﹂',
};

/** The label characters and the vertical forms MapLibre may draw in place of some of them. */
export function labelFontCharacters(chars: string): string {
  let extra = '';
  for (const ch of chars) {
    const v = VERTICAL_FORMS[ch];
    if (v !== undefined && !chars.includes(v) && !extra.includes(v)) extra += v;
  }
  return chars + extra;
}

export async function loadLabelFonts(): Promise<void> {
  const style = await get('/api/v1/style.json');
  const chars = style.metadata['xueliang:dataset'].labelCharacters;
  if (chars === '' || typeof document === 'undefined' || document.fonts === undefined) return;
  await Promise.race([
    document.fonts.load(`16px '${LABEL_FONT_FAMILY}'`, labelFontCharacters(chars)),
    new Promise((resolve) => setTimeout(resolve, FONT_LOAD_TIMEOUT_MS)),
  ]);
}
