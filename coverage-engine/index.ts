// The coverage engine's public interface: everything the API, the CLI and the benchmarks use.
// Nothing outside coverage-engine/ imports another of its files (tests aside); dependency-cruiser
// checks it in `npm run lint` (rule coverage-engine-through-its-interface).

// Compute and keep current: the full recompute, the rebuild from stored footprints, and the
// incremental refreshes after a camera, its status, a building or an area changed.
export { recomputeCoverage, rebuildParts, type RecomputeOptions, type RecomputeReport } from './recompute';
export { rebuildAllResults, type RebuildOptions, type RebuildOutcome } from './evaluate-all';
export { refreshCameras, refreshAfterStatusChange, refreshBuildings, refreshArea, warmCoverageCache, type RefreshReport } from './refresh';
export { dropCoverageCache } from './scene-cache';
export { restoreAfterBulkLoad } from './bulk-load';

// What-if: the figures GET /coverage would give once proposed cameras are built.
export {
  evaluateWhatIf,
  WhatIfInputError,
  type WhatIfCamera,
  type WhatIfQuery,
  type WhatIfResult,
  type ClassGain,
  type ClassGains,
  type AreaGains,
  type CameraGain,
} from './what-if';

// Rates, the coverage report, blind spots, the timeline, the point query.
export { queryRates, classRate, type AreaRates, type ClassRate } from './rates';
export { coverageReport, timelineWithGaps, CoverageQueryError, type CoverageQuery, type CoverageReport } from './report';
export {
  listBlindSpots,
  listBlindSpotsAsOf,
  type BlindSpotRow,
  type BlindSpotQuery,
  type BlindSpotThresholds,
  type ComputedBlindSpotRow,
} from './blind-spots';
export { judgePieces, type PieceToJudge } from './judge-pieces';
// Another date's or level's pieces, judged, computed once and kept for the list and the tiles.
export {
  piecesAsOf,
  computePiecesAsOf,
  targetCameras,
  type PiecesAsOf,
  type PieceAsOf,
  type PiecesAsOfQuery,
  type PiecesSettings,
} from './pieces-as-of';
export { GaveUpError, PiecesAsOfCache, type PiecesAsOfCacheOptions, type TargetMemo } from './pieces-as-of-cache';
export { queryTimeline, deadlineGaps, DEADLINE, type Timeline, type DeadlineGaps } from './timeline';
export { pointQuery, type PointCamera } from './point-query';
export { evaluateAdhoc, dropAdhoc, type AdhocOptions } from './adhoc';

// The scene a blind spot is judged in (its cameras and buildings), to explain the judgement.
export { loadBuildings, loadCameras, type BuildingIndex, type SceneCamera } from './scene';

// Settings the engine reads (thresholds, levels, the dataset's time zone and its "today").
export {
  loadCoverageSettings,
  levelPpm,
  engineToday,
  DEFAULT_SETTINGS,
  TARGET_CLASSES,
  type CoverageSettings,
  type TargetClass,
} from './settings';

// Measurements of inner steps, for the benchmarks.
export { sweepMsPerCamera, judgeAllReasons } from './probes';
