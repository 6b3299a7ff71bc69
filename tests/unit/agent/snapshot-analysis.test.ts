// The snapshot check moved from a full jpeg-js decode sampled on a grid to sharp's reduced decode
// (JPEG shrink-on-load): the picture statistics change a little, so this pins that the black and
// frozen thresholds classify every picture the same as before: the simulator's black, frozen and
// live frames, and harder pictures (a dark but textured night scene, a black frame with sensor
// noise, a 1080p scene, a greyscale JPEG, a 4:3 picture). The reference is the previous
// implementation, kept here.
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENT_CONFIG as C } from '../../../camera-agent/config';
import { frames } from '../../../camera-agent/simulator/frames';
import { analyzeSnapshot, lumaStatistics, thumbDifference } from '../../../camera-agent/snapshot-analysis';

/** The analysis before sharp: full jpeg-js decode, luma sampled every `step` pixels. */
function reference(body: Buffer) {
  const img = jpeg.decode(body, { useTArray: true, formatAsRGBA: false });
  const step = Math.max(1, Math.floor(Math.min(img.width, img.height) / 90));
  const w = Math.ceil(img.width / step);
  const h = Math.ceil(img.height / step);
  const channels = img.data.length / (img.width * img.height);
  const sampled = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const src = (y * step * img.width + x * step) * channels;
      for (let c = 0; c < 3; c++) sampled[(y * w + x) * 3 + c] = img.data[src + (channels >= 3 ? c : 0)]!;
    }
  return lumaStatistics({ data: sampled, width: w, height: h, channels: 3 });
}

function encode(width: number, height: number, pixel: (x: number, y: number) => [number, number, number], quality = 75): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  return Buffer.from(jpeg.encode({ data, width, height }, quality).data);
}

/** Deterministic noise in [0, 1). */
const noise = (x: number, y: number, seed = 1): number => {
  const n = Math.sin(x * 12.9898 + y * 78.233 + seed * 37.719) * 43758.5453;
  return n - Math.floor(n);
};

const isBlack = (s: { meanLuma: number; stdDevLuma: number }): boolean =>
  s.meanLuma <= C.blackMeanLumaMax && s.stdDevLuma <= C.blackStdDevMax;

const sim = frames();
const pictures: Record<string, Buffer> = {
  'simulator black': sim.black,
  'simulator scene 0': sim.scene[0]!,
  'simulator scene 7': sim.scene[7]!,
  // Street lights in the dark: mean luma ~11, but lit windows and lamps give it structure.
  'night scene (dark, textured)': encode(640, 360, (x, y) => {
    const lamp = (x % 80 < 6 && y > 200) || (y % 60 < 4 && x % 40 < 10) ? 70 : 4;
    const v = lamp + Math.floor(noise(x, y) * 6);
    return [v, v, v + 2];
  }),
  // A covered lens: sensor noise of a few levels around 6.
  'black with sensor noise': encode(640, 360, (x, y) => {
    const v = 3 + Math.floor(noise(x, y, 2) * 7);
    return [v, v, v];
  }),
  '1080p scene': encode(1920, 1080, (x, y) => {
    const v = 60 + (((x >> 3) ^ (y >> 3)) % 90);
    return [v, v + 20, 200 - (y % 120)];
  }),
  '4:3 dusk scene': encode(704, 576, (x, y) => {
    const v = 20 + Math.floor(y / 12) + (x % 100 < 50 ? 15 : 0);
    return [v, v, v + 10];
  }),
};

describe('sharp reduced decode against the full jpeg-js decode', () => {
  for (const [name, body] of Object.entries(pictures)) {
    it(`${name}: same black verdict, size exact, mean within 1.5 levels`, async () => {
      const now = await analyzeSnapshot(body, 'image/jpeg');
      const before = reference(body);
      if (!now.ok) throw new Error(`${name} was not decoded`);
      const decoded = jpeg.decode(body);
      expect([now.width, now.height]).toEqual([decoded.width, decoded.height]);
      expect(isBlack(now)).toBe(isBlack(before));
      expect(Math.abs(now.meanLuma - before.meanLuma)).toBeLessThan(1.5);
      // Averaging on decode smooths pixel noise, so the spread may only shrink, and not by much
      // on pictures with structure.
      expect(now.stdDevLuma).toBeLessThanOrEqual(before.stdDevLuma + 1);
      if (before.stdDevLuma > 2 * C.blackStdDevMax) expect(now.stdDevLuma).toBeGreaterThan(0.8 * before.stdDevLuma);
      // The thumbnails agree closely (the old grid sampling aliases on fine patterns, the reduced
      // decode averages). Frozen compares thumbnails made the same way, so after an upgrade the
      // first comparison at worst restarts a frozen count.
      expect(thumbDifference(now.thumb, before.thumb)).toBeLessThan(3);
    });
  }

  it('the black pictures are black and the others are not (the cases above are meaningful)', async () => {
    const verdicts = await Promise.all(Object.values(pictures).map((b) => analyzeSnapshot(b, 'image/jpeg')));
    const black = Object.keys(pictures).filter(
      (_, i) => verdicts[i]!.ok && isBlack(verdicts[i] as { meanLuma: number; stdDevLuma: number }),
    );
    expect(black).toEqual(['simulator black', 'black with sensor noise']);
  });

  it('frozen: the same frame twice is identical; consecutive live frames differ beyond the threshold', async () => {
    const thumbs = await Promise.all(
      sim.scene.map(async (b) => {
        const v = await analyzeSnapshot(b, 'image/jpeg');
        if (!v.ok) throw new Error('scene not decoded');
        return v.thumb;
      }),
    );
    const again = await analyzeSnapshot(sim.scene[0]!, 'image/jpeg');
    expect(again.ok && thumbDifference(again.thumb, thumbs[0]!)).toBe(0);
    for (let i = 1; i < thumbs.length; i++) {
      const now = thumbDifference(thumbs[i]!, thumbs[i - 1]!);
      const before = thumbDifference(reference(sim.scene[i]!).thumb, reference(sim.scene[i - 1]!).thumb);
      expect(now > C.frozenMaxMeanDiff).toBe(before > C.frozenMaxMeanDiff);
      expect(now).toBeGreaterThan(C.frozenMaxMeanDiff);
    }
  });

  it('not an image: a PNG labelled JPEG, a JPEG header with garbage, a picture over 12 megapixels', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect(await analyzeSnapshot(png, 'image/jpeg')).toEqual({ ok: false, reason: 'snapshot-not-image' });
    expect(await analyzeSnapshot(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]), 'image/jpeg')).toEqual({
      ok: false,
      reason: 'snapshot-not-image',
    });
    // A tiny JPEG whose header claims 5000 x 5000: refused from the header, before any decoding.
    const small = encode(16, 16, () => [128, 128, 128]);
    const sof = small.indexOf(Buffer.from([0xff, 0xc0]));
    const huge = Buffer.from(small);
    huge.writeUInt16BE(5000, sof + 5);
    huge.writeUInt16BE(5000, sof + 7);
    expect(await analyzeSnapshot(huge, 'image/jpeg')).toEqual({ ok: false, reason: 'snapshot-not-image' });
    expect(await analyzeSnapshot(sim.scene[0]!, 'text/html')).toEqual({ ok: false, reason: 'snapshot-not-image' });
  });
});
