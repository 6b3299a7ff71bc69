// The textbook instance: a 3 × 3 street grid. Units are the 9 intersections (priority 3) and
// the 12 street blocks (priority 1). A candidate is a pole at an intersection looking along
// one street: it sees its own intersection, that block, and the intersection at the far end.
import { buildInstance } from '../../../gis-data/siting/instance';
import type { CoverageInstance } from '../../../gis-data/siting/types';

export function streetGrid(options: { need?: (unit: number) => 1 | 2; cost?: (candidate: number) => number } = {}): {
  inst: CoverageInstance;
  label: string[];
} {
  const size = 3;
  const node = (x: number, y: number) => y * size + x;
  const edges: [number, number][] = [];
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      if (x + 1 < size) edges.push([node(x, y), node(x + 1, y)]);
      if (y + 1 < size) edges.push([node(x, y), node(x, y + 1)]);
    }
  const units = size * size + edges.length;
  const weights = Array.from({ length: units }, (_, d) => (d < size * size ? 3 : 1));
  const pc: number[] = [];
  const pd: number[] = [];
  const label: string[] = [];
  let c = 0;
  edges.forEach(([a, b], e) => {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      pc.push(c, c, c);
      pd.push(from, size * size + e, to);
      label.push(`${from}->${to}`);
      c++;
    }
  });
  const need = Array.from({ length: units }, (_, d) => options.need?.(d) ?? 1);
  const stepWeight = weights.map((w, d) => w / need[d]!);
  const classOf = Array.from({ length: units }, (_, d) => (d < size * size ? 0 : 1));
  return {
    inst: buildInstance({
      candidateCount: c,
      demandCount: units,
      pairCandidate: pc,
      pairDemand: pd,
      stepWeight,
      demandNeed: need,
      demandClass: classOf,
      classNames: ['intersection', 'road'],
      candidateCost: Array.from({ length: c }, (_, i) => options.cost?.(i) ?? 1),
    }),
    label,
  };
}
