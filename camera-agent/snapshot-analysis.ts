// Picture checks on one snapshot: is it a JPEG at all, its size, mean and spread of luma (black
// picture), and a 32x18 luma thumbnail kept between polls to spot a frozen picture. Decoding is
// bounded (resolution and memory caps) because the bytes come from an untrusted device.
import jpeg from 'jpeg-js';

export const THUMB_W = 32;
export const THUMB_H = 18;

export type SnapshotVerdict =
  | { ok: true; width: number; height: number; meanLuma: number; stdDevLuma: number; thumb: Uint8Array }
  | { ok: false; reason: 'snapshot-not-image' };

export function analyzeSnapshot(body: Buffer, contentType: string): SnapshotVerdict {
  const isJpeg = body.length > 4 && body[0] === 0xff && body[1] === 0xd8;
  if (!isJpeg || (contentType !== '' && !/image\/(jpeg|jpg|pjpeg)/i.test(contentType))) return { ok: false, reason: 'snapshot-not-image' };
  let img: { width: number; height: number; data: Uint8Array };
  try {
    img = jpeg.decode(body, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: 12, maxMemoryUsageInMB: 128 });
  } catch {
    return { ok: false, reason: 'snapshot-not-image' };
  }
  const { width, height, data } = img;
  if (width === 0 || height === 0) return { ok: false, reason: 'snapshot-not-image' };
  const channels = data.length / (width * height) >= 4 ? 4 : 3;
  // Sample on a grid: statistics of a downscaled image are enough for black and frozen checks.
  const step = Math.max(1, Math.floor(Math.min(width, height) / 90));
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  const thumbSum = new Float64Array(THUMB_W * THUMB_H);
  const thumbN = new Uint32Array(THUMB_W * THUMB_H);
  for (let y = 0; y < height; y += step) {
    const ty = Math.min(THUMB_H - 1, Math.floor((y * THUMB_H) / height));
    for (let x = 0; x < width; x += step) {
      const i = (y * width + x) * channels;
      const luma = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
      sum += luma;
      sumSq += luma * luma;
      n += 1;
      const t = ty * THUMB_W + Math.min(THUMB_W - 1, Math.floor((x * THUMB_W) / width));
      thumbSum[t]! += luma;
      thumbN[t]! += 1;
    }
  }
  const meanLuma = sum / n;
  const stdDevLuma = Math.sqrt(Math.max(0, sumSq / n - meanLuma * meanLuma));
  const thumb = new Uint8Array(THUMB_W * THUMB_H);
  for (let i = 0; i < thumb.length; i++) thumb[i] = thumbN[i]! === 0 ? 0 : Math.round(thumbSum[i]! / thumbN[i]!);
  return { ok: true, width, height, meanLuma, stdDevLuma, thumb };
}

/** Mean absolute difference of two thumbnails (0 = identical). */
export function thumbDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let d = 0;
  for (let i = 0; i < a.length; i++) d += Math.abs(a[i]! - b[i]!);
  return d / a.length;
}
