// Every query of the coverage domain, read once from the .sql files next to this module.
import { loadSql } from '../db/sql';

const read = (name: string) => loadSql(import.meta.url, `${name}.sql`);

export const SQL = {
  buildParts: read('build-parts'),
  targetProblems: read('target-problems'),
  cameraProblems: read('camera-problems'),
  storeResults: read('store-results'),
  storeAdhoc: read('store-adhoc'),
  storeHistory: read('store-history'),
  partsNearCameras: read('parts-near-cameras'),
  deleteBlindSpots: read('delete-blind-spots'),
  insertBlindSpots: read('insert-blind-spots'),
  insertBlindSpotsBatch: read('insert-blind-spots-batch'),
  blindSpotStage: read('blind-spot-stage'),
  historyFromDesign: read('history-from-design'),
  historyAt: read('history-at'),
  targetsNowSame: read('targets-now-same'),
  copyDesignBlindSpots: read('copy-design-blind-spots'),
  insertStagedBlindSpots: read('insert-staged-blind-spots'),
  blindSpotPoints: read('blind-spot-points'),
  updateReasons: read('update-reasons'),
  rates: read('rates'),
  timeline: read('timeline'),
  timelineMeasures: read('timeline-measures'),
  copyNowResults: read('copy-now-results'),
  levelsInUse: read('levels-in-use'),
  insertIssues: read('insert-issues'),
  refreshParts: read('refresh-parts'),
  countDownSpots: read('count-down-spots'),
  storedCount: read('stored-count'),
  computedAt: read('computed-at'),
  issueCounts: read('issue-counts'),
  deadlineClosed: read('deadline-closed'),
  partsNearAndDrop: read('parts-near-and-drop'),
};
