// A tiny drawing model shared by the report's HTML (inline SVG) and PDF (pdfkit vector paths):
// the map of blind spots and the deadline chart are laid out once, in points, and both outputs
// draw the same items, so the paper and the screen cannot differ.

export type Pt = [number, number];

export type DrawItem =
  | {
      kind: 'path';
      /** Rings or line parts, in points from the drawing's top-left corner. */
      parts: Pt[][];
      closed: boolean;
      fill?: string;
      fillOpacity?: number;
      stroke?: string;
      lineWidthPt?: number;
      dash?: [number, number];
    }
  | { kind: 'circle'; x: number; y: number; rPt: number; fill: string; stroke?: string }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill?: string; stroke?: string }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      sizePt: number;
      colour: string;
      anchor: 'start' | 'middle' | 'end';
      /** Where y is: the top of the text box or its vertical middle. */
      baseline: 'top' | 'middle';
    };

export interface Drawing {
  widthPt: number;
  heightPt: number;
  items: DrawItem[];
  /** Text for screen readers (the SVG's title) and the PDF's alt text. */
  title: string;
}

/** Colours of the blind-spot reasons: the map's own (web/src/map/state-style.ts, tested equal). */
export const REASON_COLOURS: Record<string, string> = {
  no_camera: '#d55e00',
  occluded: '#cc79a7',
  low_detail: '#f0e442',
  near_blind_zone: '#56b4e9',
  camera_down: '#e61e1e',
};

/** Line colours of the classes in the deadline chart: the web chart's own (tested equal). */
export const CLASS_COLOURS: Record<string, string> = {
  intersection: '#0072b2',
  road: '#e69f00',
  hotspot: '#cc79a7',
  crowded_place: '#009e73',
};

/** Width of a text in points, for layout: CJK characters are 1 em, others about 0.55 em. */
export function approxTextWidthPt(text: string, sizePt: number): number {
  let em = 0;
  for (const ch of text) em += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 1 : 0.56;
  return em * sizePt;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The box a text item occupies (approximate width, 1.2 em line height). */
export function textBox(t: Extract<DrawItem, { kind: 'text' }>): Box {
  const w = approxTextWidthPt(t.text, t.sizePt);
  const h = t.sizePt * 1.2;
  const x = t.anchor === 'start' ? t.x : t.anchor === 'middle' ? t.x - w / 2 : t.x - w;
  const y = t.baseline === 'top' ? t.y : t.y - h / 2;
  return { x, y, w, h };
}
