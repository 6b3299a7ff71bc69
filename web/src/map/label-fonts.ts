// MapLibre draws CJK labels with the browser's font (localIdeographFontFamily). The bundled
// Noto Sans SC web font is split into unicode-range subsets that the browser only fetches when
// text needs them, and a canvas does not wait for a font: so before the map starts, load the
// subsets for every character the basemap labels use (the style's metadata lists them).
import { get } from '../api/client';

export const LABEL_FONT_FAMILY = 'Noto Sans SC';
const FONT_LOAD_TIMEOUT_MS = 8000;

export async function loadLabelFonts(): Promise<void> {
  const style = await get('/api/v1/style.json');
  const chars = style.metadata['xueliang:dataset'].labelCharacters;
  if (chars === '' || typeof document === 'undefined' || document.fonts === undefined) return;
  await Promise.race([
    document.fonts.load(`16px '${LABEL_FONT_FAMILY}'`, chars),
    new Promise((resolve) => setTimeout(resolve, FONT_LOAD_TIMEOUT_MS)),
  ]);
}
