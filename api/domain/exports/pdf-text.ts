// Text in a pdfkit document with the bundled Noto Sans SC embedded. The package splits the font
// into subsets; the "chinese-simplified" file holds Latin, digits, CJK punctuation and the common
// Hanzi, and the few characters it lacks (≥, ², rare characters in place names) come from the
// numbered subset whose unicode-range holds them. A string is cut into runs by the font that has
// each character; fontkit (pdfkit's own font engine) embeds only the glyphs used.
import * as fontkit from 'fontkit';
import { FONT_FAMILY, mainPdfFont, subsetFor, subsetPdfFont } from '../fonts/noto-sans-sc';

type Doc = PDFKit.PDFDocument;

let mainGlyphs: fontkit.Font | null = null;
function mainFont(): fontkit.Font {
  mainGlyphs ??= fontkit.create(mainPdfFont()) as fontkit.Font;
  return mainGlyphs;
}

const MAIN = 'noto-main';

/** Registers the main font on a document (each document embeds its own subset). */
export function registerFonts(doc: Doc): void {
  doc.registerFont(MAIN, mainPdfFont());
  doc.font(MAIN);
}

const registered = new WeakMap<Doc, Set<string>>();

function fontNameFor(doc: Doc, codePoint: number): string {
  if (codePoint <= 0x20 || mainFont().hasGlyphForCodePoint(codePoint)) return MAIN;
  const sub = subsetFor(codePoint);
  if (sub === undefined) return MAIN; // no glyph anywhere: the main font's .notdef
  const name = `noto-${sub.key}`;
  let set = registered.get(doc);
  if (set === undefined) registered.set(doc, (set = new Set()));
  if (!set.has(name)) {
    doc.registerFont(name, subsetPdfFont(sub.key));
    set.add(name);
  }
  return name;
}

/** The string cut into runs that one font draws. */
export function textRuns(doc: Doc, text: string): Array<{ font: string; text: string }> {
  const runs: Array<{ font: string; text: string }> = [];
  for (const ch of text) {
    const font = fontNameFor(doc, ch.codePointAt(0)!);
    const last = runs.at(-1);
    if (last !== undefined && last.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  return runs;
}

export function textWidth(doc: Doc, text: string, sizePt: number): number {
  let w = 0;
  for (const r of textRuns(doc, text)) w += doc.font(r.font).fontSize(sizePt).widthOfString(r.text);
  return w;
}

/** Cuts a text to fit a width, ending in "…" when shortened. */
export function fitText(doc: Doc, text: string, sizePt: number, maxWidthPt: number): string {
  if (textWidth(doc, text, sizePt) <= maxWidthPt) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(doc, `${chars.join('')}…`, sizePt) > maxWidthPt) chars.pop();
  return `${chars.join('')}…`;
}

/**
 * Lines of at most maxWidthPt: breaks between words, and anywhere in CJK text (as Chinese
 * typesetting does); a word too long for a line is cut with "…".
 */
export function wrapText(doc: Doc, text: string, sizePt: number, maxWidthPt: number, maxLines = 3): string[] {
  const tokens =
    text.match(/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+|\s+/g) ??
    [];
  const lines: string[] = [];
  let line = '';
  for (const tok of tokens) {
    const next = line + tok;
    if (line === '' || textWidth(doc, next.trimEnd(), sizePt) <= maxWidthPt) line = next;
    else {
      lines.push(line.trimEnd());
      line = tok.trimStart();
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  if (lines.length > maxLines) lines.splice(maxLines - 1, lines.length, lines.slice(maxLines - 1).join(' '));
  return lines.map((l) => fitText(doc, l, sizePt, maxWidthPt));
}

export interface TextOptions {
  sizePt: number;
  colour?: string;
  /** x is the start, the middle or the end of the text. */
  anchor?: 'start' | 'middle' | 'end';
  /** y is the top of the line or its vertical middle. */
  baseline?: 'top' | 'middle';
}

/** Draws one line of text (no wrapping) at x, y; returns its width. */
export function drawText(doc: Doc, text: string, x: number, y: number, o: TextOptions): number {
  const width = textWidth(doc, text, o.sizePt);
  let cx = o.anchor === 'middle' ? x - width / 2 : o.anchor === 'end' ? x - width : x;
  // pdfkit places a line by its top; Noto's line box is 1.448 em, its ink centre about 0.72 em down.
  const top = o.baseline === 'middle' ? y - o.sizePt * 0.72 : y;
  doc.fillColor(o.colour ?? '#111111');
  for (const r of textRuns(doc, text)) {
    doc.font(r.font).fontSize(o.sizePt).text(r.text, cx, top, { lineBreak: false });
    cx += doc.widthOfString(r.text);
  }
  return width;
}

export { FONT_FAMILY };
