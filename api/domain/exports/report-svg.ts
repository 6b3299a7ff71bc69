// A report drawing as inline SVG for the HTML report (text in the page's font, Noto Sans SC).
import type { Drawing, DrawItem, Pt } from './report-drawing';
import { escapeXml as h } from './xml';

const n = (v: number) => (Math.round(v * 10) / 10).toString();
const pathData = (parts: Pt[][], closed: boolean) =>
  parts.map((p) => `M${p.map(([x, y]) => `${n(x)} ${n(y)}`).join('L')}${closed ? 'Z' : ''}`).join('');

function item(i: DrawItem): string {
  switch (i.kind) {
    case 'path': {
      const fill = i.fill === undefined ? 'none' : i.fill;
      const opacity = i.fillOpacity === undefined ? '' : ` fill-opacity="${i.fillOpacity}"`;
      const stroke = i.stroke === undefined ? '' : ` stroke="${i.stroke}" stroke-width="${i.lineWidthPt ?? 1}" stroke-linejoin="round"`;
      const dash = i.dash === undefined ? '' : ` stroke-dasharray="${i.dash.join(' ')}"`;
      return `<path d="${pathData(i.parts, i.closed)}" fill="${fill}"${opacity}${stroke}${dash} fill-rule="evenodd"/>`;
    }
    case 'circle':
      return `<circle cx="${n(i.x)}" cy="${n(i.y)}" r="${i.rPt}" fill="${i.fill}"${i.stroke === undefined ? '' : ` stroke="${i.stroke}" stroke-width="0.4"`}/>`;
    case 'rect':
      return `<rect x="${n(i.x)}" y="${n(i.y)}" width="${n(i.w)}" height="${n(i.h)}" fill="${i.fill ?? 'none'}"${i.stroke === undefined ? '' : ` stroke="${i.stroke}"`}/>`;
    case 'text':
      return `<text x="${n(i.x)}" y="${n(i.y)}" font-size="${i.sizePt}" fill="${i.colour}" text-anchor="${i.anchor}" dominant-baseline="${
        i.baseline === 'top' ? 'hanging' : 'central'
      }">${h(i.text)}</text>`;
  }
}

export function drawingToSvg(d: Drawing, testId?: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${h(d.title)}" viewBox="0 0 ${n(d.widthPt)} ${n(d.heightPt)}" width="${n(
    d.widthPt,
  )}pt" height="${n(d.heightPt)}pt"${testId === undefined ? '' : ` data-testid="${h(testId)}"`}><title>${h(d.title)}</title>${d.items
    .map(item)
    .join('')}</svg>`;
}
