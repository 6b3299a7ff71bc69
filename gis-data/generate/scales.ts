// Size presets. `demo` is one county for the product demo; S, M and L are the benchmark cities:
// S is one full county (~2,000 cameras, ~1,000 intersections, ~300 km of target road), M and L
// put 10 and 50 such counties side by side under one city, which is what the benchmarks need.

export type Scale = 'demo' | 'S' | 'M' | 'L';
export const SCALES: readonly Scale[] = ['demo', 'S', 'M', 'L'];

export interface CountyPlan {
  widthMeters: number;
  heightMeters: number;
  seatCols: number;
  seatRows: number;
  seatSouthCols: number;
  seatSouthRows: number;
  seatSpacingXMeters: number;
  seatSpacingYMeters: number;
  /** Distance between towns or valley mouths along each bank. */
  bankSlotMeters: number;
  valleyShare: number;
  villageSpacingMeters: number;
  hotspots: number;
  cameras: number;
}

export interface ScalePlan {
  scale: Scale;
  counties: number;
  /** Counties per row (rows share a river). */
  columns: number;
  county: CountyPlan;
}

const DEMO_COUNTY: CountyPlan = {
  widthMeters: 30_000,
  heightMeters: 26_000,
  seatCols: 26,
  seatRows: 12,
  seatSouthCols: 12,
  seatSouthRows: 6,
  seatSpacingXMeters: 200,
  seatSpacingYMeters: 180,
  bankSlotMeters: 2_200,
  valleyShare: 0.7,
  villageSpacingMeters: 650,
  hotspots: 8,
  // ~1,500 are not enough for observe-level junction discs (three 4K corners or a dome each),
  // recognise-level forecourts and chained road poles; 2,000 give the credible demo.
  cameras: 2_000,
};

const BENCH_COUNTY: CountyPlan = {
  widthMeters: 36_000,
  heightMeters: 30_000,
  seatCols: 30,
  seatRows: 14,
  seatSouthCols: 14,
  seatSouthRows: 7,
  seatSpacingXMeters: 200,
  seatSpacingYMeters: 180,
  bankSlotMeters: 2_000,
  valleyShare: 0.7,
  villageSpacingMeters: 600,
  hotspots: 100,
  cameras: 2_000,
};

export function scalePlan(scale: Scale): ScalePlan {
  switch (scale) {
    case 'demo':
      return { scale, counties: 1, columns: 1, county: DEMO_COUNTY };
    case 'S':
      return { scale, counties: 1, columns: 1, county: BENCH_COUNTY };
    case 'M':
      return { scale, counties: 10, columns: 5, county: BENCH_COUNTY };
    case 'L':
      return { scale, counties: 50, columns: 10, county: BENCH_COUNTY };
  }
}

export function parseScale(raw: string): Scale | undefined {
  return (SCALES as readonly string[]).includes(raw) ? (raw as Scale) : undefined;
}
