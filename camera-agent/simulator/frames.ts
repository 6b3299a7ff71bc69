// Real JPEG snapshots, encoded once at start: a street scene in 16 frames (a car moves, the light
// flickers, so consecutive snapshots differ like a live picture) and a black frame. "Frozen"
// serves the same scene frame every time.
import jpeg from 'jpeg-js';

const W = 320;
const H = 180;
let cache: { scene: Buffer[]; black: Buffer } | undefined;

function encodeScene(i: number): Buffer {
  const data = Buffer.alloc(W * H * 4);
  const carX = 20 + ((i * 17) % 260);
  const wobble = (i % 4) * 3;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let r: number;
      let g: number;
      let b: number;
      if (y < 70)
        [r, g, b] = [110 + y, 150 + y, 200]; // sky
      else if (y < 120)
        [r, g, b] = x % 60 < 40 ? [120, 110, 100] : [90, 95, 105]; // buildings
      else [r, g, b] = [70, 70, 75]; // road
      if (y >= 145 && y < 150 && x % 40 < 20) [r, g, b] = [230, 230, 230]; // lane marks
      if (y >= 130 && y < 145 && x >= carX && x < carX + 34) [r, g, b] = [200, 40, 40]; // car
      const o = (y * W + x) * 4;
      data[o] = Math.min(255, r + wobble);
      data[o + 1] = Math.min(255, g + wobble);
      data[o + 2] = Math.min(255, b + wobble);
      data[o + 3] = 255;
    }
  }
  return Buffer.from(jpeg.encode({ data, width: W, height: H }, 70).data);
}

export function frames(): { scene: Buffer[]; black: Buffer } {
  if (cache === undefined) {
    const black = Buffer.from(jpeg.encode({ data: Buffer.alloc(W * H * 4, 0), width: W, height: H }, 70).data);
    cache = { scene: Array.from({ length: 16 }, (_, i) => encodeScene(i)), black };
  }
  return cache;
}
