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
  type PlanSummary,
  type Actor,
} from './plans';
export { evaluatePlan, comparePlans, type PlanEvaluation } from './evaluate';
export { planScheduleCsv, planScheduleFileName } from './export-csv';
export { planFromSuggestion } from './from-suggestion';
