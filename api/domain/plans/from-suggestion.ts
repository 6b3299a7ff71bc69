// Turns a site suggestion into a plan input the planner can open, edit and re-evaluate: every
// camera parameter the suggestion chose goes into the plan (position, height, azimuth, tilt,
// HFOV/VFOV, resolution, model, type, PTZ presets), so the plan evaluates to what it promised.
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
      searchRates: result.searchRates,
      confirmation: result.confirmation,
      notes: result.notes,
    },
    cameras: result.sites.map((s) => ({
      name: `${s.rank}. ${s.modelName}`,
      type: s.type,
      lon: s.lon,
      lat: s.lat,
      heightM: s.heightM,
      azimuthDeg: s.azimuthDeg,
      tiltDeg: s.tiltDeg,
      hfovDeg: s.hfovDeg,
      vfovDeg: s.vfovDeg,
      resolutionH: s.resolutionH,
      resolutionV: s.resolutionV,
      ptzPresets: s.ptzPresets,
      modelId: s.modelId,
      unitCost: s.unitCost,
      siteKey: s.siteKey,
      marginalGain: s.marginalGain,
    })),
  };
}
