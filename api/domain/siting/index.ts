// Site suggestion: the public surface other parts (routes, CLI, plans) use.
export { suggestSites, type SuggestOptions, type SuggestResult, type SuggestedSite } from './suggest';
export {
  listCameraModels,
  createCameraModel,
  updateCameraModel,
  deleteCameraModel,
  validateCameraModel,
  type CameraModel,
  type CameraModelInput,
} from './catalog';
export { listCandidateOverrides, setCandidateFlags, addManualSite, removeCandidateOverride, type CandidateOverride } from './candidates';
export { SITING_CLASSES, type SitingClass } from './problem';
