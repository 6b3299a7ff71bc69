// Picture checks on one snapshot: is it a JPEG at all, its size, mean and spread of luma (black
// picture), and a 32x18 luma thumbnail kept between polls to spot a frozen picture.
//
// Decoded with sharp (libvips) at reduced size: JPEG shrink-on-load decodes at 1/2, 1/4 or 1/8
// scale straight from the DCT coefficients, so a 1080p snapshot costs ~5 ms of CPU instead of
// ~290 ms with jpeg-js (pure JavaScript, full decode), and the work runs on libuv's thread pool,
// not on the agent's event loop. The statistics come from the picture fitted inside 160 x 90,
// about the grid the full decode was sampled on before (every 2nd pixel of a 320 x 180 picture);
// tests/unit/agent/snapshot-analysis.test.ts compares both on black, frozen and live pictures.
// Decoding is bounded (pixel cap) because the bytes come from an untrusted device.
import sharp from 'sharp';

export const THUMB_W = 32;
export const THUMB_H = 18;
/** The statistics' grid: the picture is fitted inside this box (aspect kept). */
const STATS_W = 160;
const STATS_H = 90;
/** Pictures over 12 megapixels are refused before decoding (a decompression bomb otherwise). */
const MAX_PIXELS = 12_000_000;

// One libvips thread per image: the agent decodes up to snapshotConcurrency pictures at once
// already, and the machine is shared; no operation cache (every picture is different).
sharp.concurrency(1);
sharp.cache(false);

export type SnapshotVerdict =
  | { ok: true; width: number; height: number; meanLuma: number; stdDevLuma: number; thumb: Uint8Array }
  | { ok: false; reason: 'snapshot-not-image' };

export interface LumaPicture {
  /** The decoded (possibly reduced) picture, `channels` bytes a pixel, RGB first. */
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

/** Mean, spread and thumbnail of the luma of every pixel of a (reduced) picture. */
export function lumaStatistics(img: LumaPicture): { meanLuma: number; stdDevLuma: number; thumb: Uint8Array } {
  const { data, width, height, channels } = img;
  let sum = 0;
  let sumSq = 0;
  const thumbSum = new Float64Array(THUMB_W * THUMB_H);
  const thumbN = new Uint32Array(THUMB_W * THUMB_H);
  for (let y = 0; y < height; y++) {
    const ty = Math.min(THUMB_H - 1, Math.floor((y * THUMB_H) / height));
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      // BT.601 luma of the gamma-encoded values: the Y a JPEG stores.
      const luma = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
      sum += luma;
      sumSq += luma * luma;
      const t = ty * THUMB_W + Math.min(THUMB_W - 1, Math.floor((x * THUMB_W) / width));
      thumbSum[t]! += luma;
      thumbN[t]! += 1;
    }
  }
  const n = width * height;
  const meanLuma = sum / n;
  const stdDevLuma = Math.sqrt(Math.max(0, sumSq / n - meanLuma * meanLuma));
  const thumb = new Uint8Array(THUMB_W * THUMB_H);
  for (let i = 0; i < thumb.length; i++) thumb[i] = thumbN[i]! === 0 ? 0 : Math.round(thumbSum[i]! / thumbN[i]!);
  return { meanLuma, stdDevLuma, thumb };
}

export async function analyzeSnapshot(body: Buffer, contentType: string): Promise<SnapshotVerdict> {
  const isJpeg = body.length > 4 && body[0] === 0xff && body[1] === 0xd8;
  if (!isJpeg || (contentType !== '' && !/image\/(jpeg|jpg|pjpeg)/i.test(contentType))) return { ok: false, reason: 'snapshot-not-image' };
  try {
    // failOn 'error': a picture libjpeg can show (a few corrupt bytes, a short tail) is checked as
    // the operator would see it; one it cannot decode is not an image.
    const img = sharp(body, { limitInputPixels: MAX_PIXELS, failOn: 'error' });
    const meta = await img.metadata();
    const { width, height } = meta;
    if (meta.format !== 'jpeg' || width === undefined || height === undefined || width === 0 || height === 0)
      return { ok: false, reason: 'snapshot-not-image' };
    const { data, info } = await img
      .resize({ width: STATS_W, height: STATS_H, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { ok: true, width, height, ...lumaStatistics({ data, width: info.width, height: info.height, channels: info.channels }) };
  } catch {
    return { ok: false, reason: 'snapshot-not-image' };
  }
}

/** Mean absolute difference of two thumbnails (0 = identical). */
export function thumbDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let d = 0;
  for (let i = 0; i < a.length; i++) d += Math.abs(a[i]! - b[i]!);
  return d / a.length;
}
