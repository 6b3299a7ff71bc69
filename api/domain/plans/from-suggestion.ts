// Turns a site suggestion into a plan input the planner can open, edit and re-evaluate.
import type { SuggestResult } from '../siting/suggest';
import type { PlanInput } from './plans';

export function planFromSuggestion(result: SuggestResult, name: string, description = ''): PlanInput {
  return {
    name,
    description,
    mode: result.mode,
    suggestion: {
      problem: result.problem,
      limit: result.limit,
      value: result.value,
      bound: result.bound,
      boundSource: result.boundSource,
      gap: result.gap,
      optimal: result.optimal,
      feasible: result.feasible,
      rates: result.rates,
      notes: result.notes,
    },
    cameras: result.sites.map((s) => ({
      name: `${s.rank}. ${s.modelName}`,
      type: s.type as PlanInput['cameras'][number]['type'],
      lon: s.lon,
      lat: s.lat,
      heightM: s.heightM,
      azimuthDeg: s.azimuthDeg,
      hfovDeg: s.hfovDeg,
      resolutionH: s.resolutionH,
      resolutionV: s.resolutionV,
      modelId: s.modelId,
      unitCost: s.unitCost,
      siteKey: s.siteKey,
      marginalGain: s.marginalGain,
    })),
  };
}
