// Joins line pieces end to end where exactly two of them meet, like ST_LineMerge: the gaps of a
// road's consecutive parts become one blind spot when they meet at the part boundary. Pieces
// meet only at bit-identical end points (consecutive parts are cut at the same computed point).
// Where three or more pieces meet, or one piece ends alone, the merged lines stop.

/** Coordinate lists x0, y0, x1, y1, …, each of at least two points. */
export type Polyline = number[];

const key = (l: Polyline, atEnd: boolean): string => (atEnd ? `${l[l.length - 2]},${l[l.length - 1]}` : `${l[0]},${l[1]}`);

export function mergeLines(lines: Polyline[]): Polyline[] {
  if (lines.length < 2) return lines;
  // node → the piece ends there (piece index * 2 + (1 if its last point))
  const nodes = new Map<string, number[]>();
  lines.forEach((l, i) => {
    for (const end of [0, 1]) {
      const k = key(l, end === 1);
      const list = nodes.get(k);
      if (list === undefined) nodes.set(k, [2 * i + end]);
      else list.push(2 * i + end);
    }
  });
  const used = new Uint8Array(lines.length);
  const out: Polyline[] = [];
  // Walks from piece i entered at `end` (0: its first point), appending while the far node has
  // exactly one other piece end.
  const walk = (i: number, end: number): Polyline => {
    const merged: Polyline = [];
    let cur = i;
    let from = end;
    for (;;) {
      used[cur] = 1;
      const l = lines[cur]!;
      const skip = merged.length === 0 ? 0 : 2;
      if (from === 0) for (let k = skip; k < l.length; k += 2) merged.push(l[k]!, l[k + 1]!);
      else for (let k = l.length - 2 - skip; k >= 0; k -= 2) merged.push(l[k]!, l[k + 1]!);
      const ends = nodes.get(key(l, from === 0))!;
      if (ends.length !== 2) return merged;
      const next = ends[0]! === 2 * cur + (from === 0 ? 1 : 0) ? ends[1]! : ends[0]!;
      const nextPiece = next >> 1;
      if (used[nextPiece] === 1) return merged;
      cur = nextPiece;
      from = next & 1;
    }
  };
  // Chains start at nodes where the line does not simply continue; what is left are rings.
  lines.forEach((l, i) => {
    if (used[i] === 1) return;
    if (nodes.get(key(l, false))!.length !== 2) out.push(walk(i, 0));
    else if (nodes.get(key(l, true))!.length !== 2) out.push(walk(i, 1));
  });
  lines.forEach((_, i) => {
    if (used[i] === 0) out.push(walk(i, 0));
  });
  return out;
}

export function polylineLength(l: Polyline): number {
  let s = 0;
  for (let i = 2; i < l.length; i += 2) s += Math.hypot(l[i]! - l[i - 2]!, l[i + 1]! - l[i - 1]!);
  return s;
}
