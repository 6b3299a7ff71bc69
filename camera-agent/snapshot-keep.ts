// Decides whether a fetched snapshot may be kept as the camera's "last snapshot" for the card.
// Pure: the bytes come from an untrusted device, so only a JPEG that the picture checks decoded
// (snapshot-analysis.ts) and that fits the storage cap is kept. A refusal never changes the
// poll's health verdict: the picture checks already ran on the bytes.

export type KeepDecision =
  { keep: true; width: number; height: number } | { keep: false; why: 'disabled' | 'not-jpeg' | 'too-large'; bytes: number };

/** JPEG start-of-image and end-of-image markers (a truncated download lacks the latter). */
function looksLikeWholeJpeg(body: Buffer): boolean {
  if (body.length < 4 || body[0] !== 0xff || body[1] !== 0xd8) return false;
  // Some cameras pad after EOI: look for it in the last few bytes.
  const tail = body.subarray(Math.max(2, body.length - 64));
  for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return true;
  return false;
}

/** What the picture checks said about the bytes (snapshot-analysis.ts, or health's observation). */
export type CheckedPicture = { ok: true; width: number; height: number } | { ok: false };

/** camera_snapshots refuses larger pictures (migration 0021): a bigger configured cap must not
 *  hand the writer rows the database will always reject. */
export const SNAPSHOT_TABLE_MAX_BYTES = 1 << 20;

export function snapshotToKeep(body: Buffer, verdict: CheckedPicture, configuredMaxBytes: number): KeepDecision {
  const maxBytes = Math.min(configuredMaxBytes, SNAPSHOT_TABLE_MAX_BYTES);
  if (maxBytes <= 0) return { keep: false, why: 'disabled', bytes: body.length };
  if (!verdict.ok || !looksLikeWholeJpeg(body)) return { keep: false, why: 'not-jpeg', bytes: body.length };
  if (body.length > maxBytes) return { keep: false, why: 'too-large', bytes: body.length };
  return { keep: true, width: verdict.width, height: verdict.height };
}
