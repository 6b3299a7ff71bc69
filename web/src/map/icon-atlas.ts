// Draws one icon per camera state into a canvas at start-up, so the IconLayer needs no image
// file or network. Icons are white-outlined shapes in the state's colour.
import { STATE_COLOURS, STATE_GROUPS, STATE_SHAPES, cssColour, type StateGroup } from './state-style';

const ICON_PIXELS = 48;

export interface IconMapping {
  [name: string]: { x: number; y: number; width: number; height: number; anchorY: number; mask: boolean };
}

export function drawShape(
  ctx: CanvasRenderingContext2D,
  shape: (typeof STATE_SHAPES)[StateGroup],
  cx: number,
  cy: number,
  r: number,
): void {
  ctx.beginPath();
  switch (shape) {
    case 'circle':
    case 'ring':
      ctx.arc(cx, cy, r, 0, Math.PI * 2);
      break;
    case 'diamond':
      ctx.moveTo(cx, cy - r);
      ctx.lineTo(cx + r, cy);
      ctx.lineTo(cx, cy + r);
      ctx.lineTo(cx - r, cy);
      ctx.closePath();
      break;
    case 'square':
      ctx.rect(cx - r * 0.8, cy - r * 0.8, r * 1.6, r * 1.6);
      break;
    case 'triangle':
      ctx.moveTo(cx, cy - r);
      ctx.lineTo(cx + r, cy + r * 0.8);
      ctx.lineTo(cx - r, cy + r * 0.8);
      ctx.closePath();
      break;
    case 'cross': {
      const w = r * 0.38;
      ctx.moveTo(cx - r, cy - r + w);
      ctx.lineTo(cx - r + w, cy - r);
      ctx.lineTo(cx, cy - w);
      ctx.lineTo(cx + r - w, cy - r);
      ctx.lineTo(cx + r, cy - r + w);
      ctx.lineTo(cx + w, cy);
      ctx.lineTo(cx + r, cy + r - w);
      ctx.lineTo(cx + r - w, cy + r);
      ctx.lineTo(cx, cy + w);
      ctx.lineTo(cx - r + w, cy + r);
      ctx.lineTo(cx - r, cy + r - w);
      ctx.lineTo(cx - w, cy);
      ctx.closePath();
      break;
    }
  }
}

export function paintStateIcon(ctx: CanvasRenderingContext2D, state: StateGroup, cx: number, cy: number, r: number): void {
  const shape = STATE_SHAPES[state];
  drawShape(ctx, shape, cx, cy, r);
  ctx.lineWidth = Math.max(1.5, r * 0.22);
  ctx.strokeStyle = '#ffffff';
  if (shape === 'ring') {
    ctx.stroke();
    drawShape(ctx, shape, cx, cy, r * 0.55);
    ctx.fillStyle = cssColour(STATE_COLOURS[state]);
    ctx.fill();
    return;
  }
  ctx.fillStyle = cssColour(STATE_COLOURS[state]);
  ctx.fill();
  ctx.stroke();
}

let atlas: { canvas: HTMLCanvasElement; mapping: IconMapping } | null = null;

export function stateIconAtlas(): { canvas: HTMLCanvasElement; mapping: IconMapping } {
  if (atlas !== null) return atlas;
  const canvas = document.createElement('canvas');
  canvas.width = ICON_PIXELS * STATE_GROUPS.length;
  canvas.height = ICON_PIXELS;
  const ctx = canvas.getContext('2d')!;
  const mapping: IconMapping = {};
  STATE_GROUPS.forEach((s, i) => {
    paintStateIcon(ctx, s, i * ICON_PIXELS + ICON_PIXELS / 2, ICON_PIXELS / 2, ICON_PIXELS * 0.38);
    mapping[s] = { x: i * ICON_PIXELS, y: 0, width: ICON_PIXELS, height: ICON_PIXELS, anchorY: ICON_PIXELS / 2, mask: false };
  });
  atlas = { canvas, mapping };
  return atlas;
}
