// The coverage engine's public surface for the API, the CLI and the camera agent.
export { recomputeCoverage, rebuildParts, type RecomputeOptions, type RecomputeReport } from './recompute';
export { refreshCameras, refreshAfterStatusChange, refreshBuildings, refreshArea, warmCoverageCache, type RefreshReport } from './refresh';
export { dropCoverageCache } from './scene-cache';
export { restoreAfterBulkLoad } from './bulk-load';
export { evaluateAdhoc, dropAdhoc, type AdhocOptions } from './adhoc';
export { queryRates, classRate, type AreaRates, type ClassRate } from './rates';
export { queryTimeline, deadlineGaps, DEADLINE, type Timeline, type DeadlineGaps } from './timeline';
export { pointQuery, type PointCamera } from './point-query';
export {
  listBlindSpots,
  listBlindSpotsAsOf,
  type BlindSpotRow,
  type BlindSpotQuery,
  type BlindSpotThresholds,
  type ComputedBlindSpotRow,
} from './blind-spots';
export { loadCoverageSettings, DEFAULT_SETTINGS, TARGET_CLASSES, type CoverageSettings, type TargetClass } from './settings';
export { coverageReport, timelineWithGaps, CoverageQueryError, type CoverageQuery, type CoverageReport } from './report';
