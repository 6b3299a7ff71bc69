// Is a ledger declared WGS-84 really GCJ-02? Pure verdict from distances to the road network:
// for each sampled camera, the distance to the nearest road as given (rawM) and after the
// GCJ-02 → WGS-84 correction (shiftedM). Cameras are mounted at the roadside, so the right
// datum puts them a few metres from a road; GCJ-02 read as WGS-84 puts them 300-600 m off in
// a random direction relative to the streets, so typically 10-40 m from the nearest road in
// a dense grid, and the corrected points fall much closer.

export interface GcjSample {
  rawM: number;
  shiftedM: number;
}
export interface GcjVerdict {
  checked: boolean;
  likely: boolean;
  sampled: number;
  medianRawM: number | null;
  medianShiftedM: number | null;
}

/** At least this many cameras near enough to roads to judge. */
export const GCJ_MIN_SAMPLES = 5;
/** The shifted positions must be this much closer (median ratio) and at most this far from roads. */
export const GCJ_RATIO = 0.5;
export const GCJ_MAX_SHIFTED_MEDIAN_M = 15;

function median(vs: number[]): number {
  const s = [...vs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function gcjOffsetVerdict(samples: readonly GcjSample[]): GcjVerdict {
  const ok = samples.filter((s) => Number.isFinite(s.rawM) && Number.isFinite(s.shiftedM));
  if (ok.length < GCJ_MIN_SAMPLES) return { checked: false, likely: false, sampled: ok.length, medianRawM: null, medianShiftedM: null };
  const raw = median(ok.map((s) => s.rawM));
  const shifted = median(ok.map((s) => s.shiftedM));
  // Points that did not move (outside China) cannot be judged.
  const moved = ok.some((s) => s.rawM !== s.shiftedM);
  const likely = moved && shifted <= GCJ_MAX_SHIFTED_MEDIAN_M && shifted < raw * GCJ_RATIO;
  return {
    checked: moved,
    likely,
    sampled: ok.length,
    medianRawM: Math.round(raw * 10) / 10,
    medianShiftedM: Math.round(shifted * 10) / 10,
  };
}
