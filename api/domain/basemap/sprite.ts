// The basemap sprite sheet (place markers), drawn procedurally so no image asset or online
// sprite service is needed. MapLibre loads `<sprite>.json` + `<sprite>.png` and the @2x pair on
// high-DPI screens.
import { encodePng } from './png';

type Rgba = [number, number, number, number];
interface IconSpec {
  name: string;
  /** Size in CSS pixels. */
  size: number;
  draw(x: number, y: number, size: number): Rgba | null;
}

const ring =
  (fill: Rgba, stroke: Rgba, innerFrac: number) =>
  (x: number, y: number, size: number): Rgba | null => {
    const r = Math.hypot(x - size / 2, y - size / 2) / (size / 2);
    if (r > 1) return null;
    return r > innerFrac ? stroke : fill;
  };

const ICONS: IconSpec[] = [
  { name: 'place-county', size: 14, draw: ring([255, 255, 255, 255], [40, 40, 40, 255], 0.55) },
  { name: 'place-town', size: 10, draw: ring([230, 230, 230, 255], [60, 60, 60, 255], 0.5) },
  { name: 'place-village', size: 6, draw: ring([200, 200, 200, 255], [80, 80, 80, 255], 0.4) },
];

export interface Sprite {
  json: Record<string, { x: number; y: number; width: number; height: number; pixelRatio: number }>;
  png: Buffer;
}

const cache = new Map<number, Sprite>();

export function buildSprite(pixelRatio: 1 | 2): Sprite {
  const hit = cache.get(pixelRatio);
  if (hit !== undefined) return hit;
  const width = ICONS.reduce((s, i) => s + i.size * pixelRatio, 0);
  const height = Math.max(...ICONS.map((i) => i.size * pixelRatio));
  const rgba = new Uint8Array(width * height * 4);
  const json: Sprite['json'] = {};
  let x0 = 0;
  for (const icon of ICONS) {
    const px = icon.size * pixelRatio;
    for (let y = 0; y < px; y++) {
      for (let x = 0; x < px; x++) {
        const c = icon.draw(x + 0.5, y + 0.5, px);
        if (c === null) continue;
        rgba.set(c, (y * width + x0 + x) * 4);
      }
    }
    json[icon.name] = { x: x0, y: 0, width: px, height: px, pixelRatio };
    x0 += px;
  }
  const sprite = { json, png: encodePng(width, height, rgba) };
  cache.set(pixelRatio, sprite);
  return sprite;
}
