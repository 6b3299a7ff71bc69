// Plans: the public surface for routes and the CLI.
export {
  createPlan,
  updatePlan,
  deletePlan,
  listPlans,
  getPlan,
  validatePlanInput,
  MAX_PLAN_CAMERAS,
  type Plan,
  type PlanInput,
  type PlanCameraInput,
  type PlanPtzPreset,
  type PlanSummary,
  type Actor,
} from './plans';
export { evaluatePlan, evaluatePlanCameras, comparePlans, type PlanEvaluation, type PlanComparison } from './evaluate';
export { planSchedule, planScheduleCsv, proposedDeviceCodes } from './export-csv';
export { planFromSuggestion } from './from-suggestion';
