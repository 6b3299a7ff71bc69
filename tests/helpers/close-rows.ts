// Row sets that two geometry engines produced (GEOS in PostGIS, Clipper2 in the city pass):
// the same rows with the same ids and reasons, lengths and areas equal to a tolerance, since
// the two overlays round differently below 1e-4 m².
import { expect } from 'vitest';

/** The same rows in the same order; numbers within `tol` (m or m²). */
export function expectClose(actual: Array<Record<string, unknown>>, expected: Array<Record<string, unknown>>, tol = 2e-3): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    const want = expected[i]!;
    expect(Object.keys(row)).toEqual(Object.keys(want));
    for (const [k, v] of Object.entries(row)) {
      const w = want[k];
      if (typeof v === 'number' && typeof w === 'number') expect(Math.abs(v - w), `row ${i} ${k}: ${v} vs ${w}`).toBeLessThanOrEqual(tol);
      else expect(v, `row ${i} ${k}`).toEqual(w);
    }
  });
}
