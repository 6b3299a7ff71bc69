// The siting problem as plain typed arrays, shared by every solver in this folder.
// A coverage instance is a sparse bipartite matrix: candidate camera sites (columns) against
// demand units (rows: intersection discs, road segments, area cells) that a candidate would see
// at the required detail level. Typed arrays keep 5,000 × 50,000 instances in a few MB.

export interface CoverageInstance {
  readonly candidateCount: number;
  readonly demandCount: number;
  /** CSR by candidate: candidate i covers coverIndex[coverStart[i] .. coverStart[i + 1]). */
  readonly coverStart: Int32Array;
  readonly coverIndex: Int32Array;
  /** CSR by demand (the transpose): demand d is covered by candidates in coveredByIndex[...]. */
  readonly coveredByStart: Int32Array;
  readonly coveredByIndex: Int32Array;
  /**
   * Value of each camera that sees demand d, up to demandNeed[d] cameras. For plain coverage
   * need is 1 and the step weight is the unit's priority; for backup coverage ("seen by at least
   * two cameras") need is 2 and each of the two views earns half the priority.
   */
  readonly stepWeight: Float64Array;
  /** Cameras still needed at this unit for full credit: 1 or 2. */
  readonly demandNeed: Uint8Array;
  /** Class index of each demand unit (index into classNames), for per-class targets and rates. */
  readonly demandClass: Uint8Array;
  readonly classNames: readonly string[];
  /** Unit cost of each candidate (camera plus mounting), in the catalog's currency. */
  readonly candidateCost: Float64Array;
}

/** The limit on a plan: a number of cameras or a total cost. */
export type SitingLimit = { kind: 'count'; cameras: number } | { kind: 'budget'; cost: number };

/** Which solver proved the bound a gap is measured against; reported so users see how honest it is. */
export type BoundSource = 'highs-mip-optimal' | 'highs-mip-bound' | 'highs-lp' | 'lagrangian' | 'submodular-online' | 'trivial';

export interface SitingBound {
  /** Upper bound on the best possible objective (max problems) or lower bound on cost (min problems). */
  value: number;
  source: BoundSource;
}

export interface RankedPick {
  candidate: number;
  /** Objective gained when this site was added after the ones ranked above it. */
  marginalGain: number;
  /** Demand units this site newly covers (or newly double-covers) in that order. */
  newlyCovered: number[];
}
