// Site suggestion over HTTP: POST /suggest (optionally saved as a plan), the camera model
// catalog, and the planner's candidate edits (manual sites, pins, exclusions). The work is in
// api/domain/siting; this file only maps requests and responses.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  addManualSite,
  createCameraModel,
  deleteCameraModel,
  listCameraModels,
  listCandidateOverrides,
  removeCandidateOverride,
  setCandidateFlags,
  suggestSites,
  SITING_CLASSES,
  updateCameraModel,
} from '../../domain/siting';
import { createPlan, planFromSuggestion } from '../../domain/plans';
import { BadRequestError } from '../../errors';
import type { AppEnv, RouteModule } from '../env';
import { CONFLICT, Fraction, NOT_FOUND, STANDARD_ERRORS } from '../schemas/common';
import { ClassGains, UnitEnum } from '../schemas/coverage';
import { secured } from '../secured';

const ClassEnum = z.enum(SITING_CLASSES);

const SuggestBody = z
  .object({
    cameras: z.number().int().min(1).max(5000).optional().openapi({ description: 'problem (a): the best N cameras' }),
    budget: z
      .number()
      .positive()
      .max(1e12)
      .optional()
      .openapi({ description: 'problem (a): the best within this total cost (catalog currency)' }),
    targetRates: z
      .partialRecord(ClassEnum, z.number().gt(0).max(1))
      .optional()
      .openapi({ description: 'problem (b): least cost reaching these rates, e.g. {"intersection":1}' }),
    classes: z.array(ClassEnum).optional().openapi({ description: 'target classes whose uncovered units count (default all)' }),
    backupClasses: z.array(ClassEnum).optional().openapi({ description: 'problem (c): units of these classes need two cameras' }),
    now: z.boolean().optional().openapi({ description: 'coverage now: only working cameras count as existing coverage' }),
    areaCode: z
      .string()
      .regex(/^[0-9]{6,12}$/)
      .optional(),
    headings: z.number().int().min(1).max(36).optional(),
    modelIds: z.array(z.number().int().positive()).optional(),
    timeLimitSec: z.number().positive().max(60).default(10).openapi({
      description:
        "seconds to the answer before the engine's confirmation: building the model and the search, which gets what is left (at least 1 s)",
    }),
    savePlanAs: z.string().min(1).max(200).optional().openapi({ description: 'also save the answer as a plan with this name' }),
  })
  .openapi('SuggestRequest');

const SiteSchema = z
  .object({
    rank: z.number().int(),
    siteKey: z.string(),
    kind: z.string().openapi({ description: 'where the site comes from (intersection_pole, road_pole, manual, …)' }),
    lon: z.number().openapi({ description: 'WGS-84 degrees' }),
    lat: z.number().openapi({ description: 'WGS-84 degrees' }),
    heightM: z.number().openapi({ description: 'mounting height, m' }),
    type: z.enum(['fixed', 'dome', 'ptz', 'fisheye']),
    modelId: z.number().int(),
    modelName: z.string(),
    azimuthDeg: z.number().nullable().openapi({ description: 'compass degrees; null: a PTZ or fisheye seeing all round' }),
    tiltDeg: z
      .number()
      .nullable()
      .openapi({ description: 'degrees below the horizontal the search assumed; null: a PTZ that tilts anywhere' }),
    hfovDeg: z.number(),
    vfovDeg: z.number(),
    resolutionH: z.number().int(),
    resolutionV: z.number().int(),
    ptzPresets: z
      .array(z.object({ azimuthDeg: z.number(), tiltDeg: z.number().optional(), hfovDeg: z.number().optional() }))
      .openapi({ description: 'empty: a suggested PTZ pans all round' }),
    unitCost: z.number().openapi({ description: 'catalog currency' }),
    marginalGain: z.number().openapi({ description: "the search's objective gained after the sites ranked above (weighted demand units)" }),
    confirmedGain: ClassGains.openapi({
      description: 'what the coverage engine says this camera adds after the ones ranked above, in count, m or m² per class',
    }),
    covers: z.object({
      units: z.number().int(),
      targetIds: z.array(z.number().int()),
      byClass: z.partialRecord(ClassEnum, z.number().int()).openapi({ description: "the search's newly covered demand units per class" }),
    }),
  })
  .openapi('SuggestedSite');

export const SuggestResultSchema = z
  .object({
    problem: z.enum(['max-coverage', 'backup-coverage', 'min-cost']),
    mode: z.enum(['design', 'now']),
    limit: z
      .union([z.object({ kind: z.literal('count'), cameras: z.number() }), z.object({ kind: z.literal('budget'), cost: z.number() })])
      .nullable(),
    candidateCount: z.number().int(),
    siteCount: z.number().int(),
    demandUnitCount: z.number().int(),
    uncoveredUnitCount: z.number().int(),
    value: z.number(),
    greedyValue: z.number(),
    bound: z.number(),
    boundSource: z.string(),
    gap: Fraction(
      'certified gap: (bound − value) / bound, or for targetRates (cost − bound) / cost; "within gap × 100 % of the best possible"',
    ),
    optimal: z.boolean(),
    feasible: z.boolean(),
    stoppedByTime: z.boolean(),
    totalCost: z.number().openapi({ description: 'catalog currency' }),
    rates: z
      .array(
        z.object({
          className: ClassEnum,
          unit: UnitEnum,
          total: z.number(),
          coveredBefore: z.number(),
          coveredAfter: z.number(),
          before: Fraction('覆盖率 before: exactly GET /coverage for the mode and area'),
          after: Fraction('覆盖率 after: what GET /coverage will say once the cameras are built'),
        }),
      )
      .openapi({ description: "the coverage engine's rates before and after the suggested cameras (the coverage panel's figures)" }),
    searchRates: z
      .array(
        z.object({
          className: ClassEnum,
          units: z.number().int(),
          before: Fraction('weighted share of the demand units covered before'),
          after: Fraction('weighted share of the demand units covered with the suggested sites'),
        }),
      )
      .openapi({
        description:
          "the search model's value-weighted coverage of its demand units (fractions 0–1): an estimate, not the coverage figures",
      }),
    confirmation: z.object({
      mode: z.enum(['design', 'now']),
      area: z.string().nullable(),
      asOf: z.string(),
      ms: z.number(),
    }),
    sites: z.array(SiteSchema),
    notes: z.array(z.string()),
    timings: z
      .object({ loadMs: z.number(), visibilityMs: z.number(), solveMs: z.number(), confirmMs: z.number(), totalMs: z.number() })
      .openapi({ description: 'ms' }),
    planId: z.number().int().nullable(),
  })
  .openapi('SuggestResult');

const ModelBody = z
  .object({
    name: z.string().min(1).max(120),
    type: z.enum(['fixed', 'dome', 'ptz', 'fisheye']),
    resolutionH: z.number().int(),
    resolutionV: z.number().int(),
    hfovMaxDeg: z.number(),
    hfovMinDeg: z.number(),
    unitCost: z.number(),
    currency: z.string().max(8).optional(),
    enabled: z.boolean().optional(),
    notes: z.string().max(500).optional(),
  })
  .openapi('CameraModelInput');
const ModelSchema = ModelBody.extend({ id: z.number().int(), currency: z.string(), enabled: z.boolean(), notes: z.string() }).openapi(
  'CameraModel',
);
const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' }, type: 'integer' }),
});
const KeyParam = z.object({
  siteKey: z
    .string()
    .max(120)
    .openapi({ param: { name: 'siteKey', in: 'path' }, example: 'intersection_pole:21' }),
});
const OverrideSchema = z
  .object({
    id: z.number().int(),
    siteKey: z.string(),
    kind: z.string(),
    lon: z.number().nullable(),
    lat: z.number().nullable(),
    heightM: z.number().nullable(),
    pinned: z.boolean(),
    excluded: z.boolean(),
    note: z.string(),
  })
  .openapi('CandidateOverride');
const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

const suggest = secured(
  ['planner'],
  createRoute({
    method: 'post',
    path: '/suggest',
    tags: ['siting'],
    summary: 'Suggest camera sites with a certified gap (optionally saved as a plan)',
    request: { body: { content: { 'application/json': { schema: SuggestBody } }, required: true } },
    responses: { 200: json(SuggestResultSchema, 'Ranked sites, coverage before → after, the bound and the gap'), ...STANDARD_ERRORS },
  }),
);
const listModels = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/siting/models',
    tags: ['siting'],
    summary: 'The camera model catalog',
    responses: { 200: json(z.object({ models: z.array(ModelSchema) }), 'Models'), ...STANDARD_ERRORS },
  }),
);
const createModel = secured(
  ['planner'],
  createRoute({
    method: 'post',
    path: '/siting/models',
    tags: ['siting'],
    summary: 'Add a camera model',
    request: { body: { content: { 'application/json': { schema: ModelBody } }, required: true } },
    responses: { 201: json(ModelSchema, 'Created'), ...STANDARD_ERRORS, ...CONFLICT },
  }),
);
const updateModel = secured(
  ['planner'],
  createRoute({
    method: 'put',
    path: '/siting/models/{id}',
    tags: ['siting'],
    summary: 'Replace a camera model',
    request: { params: IdParam, body: { content: { 'application/json': { schema: ModelBody } }, required: true } },
    responses: { 200: json(ModelSchema, 'Updated'), ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
);
const deleteModel = secured(
  ['planner'],
  createRoute({
    method: 'delete',
    path: '/siting/models/{id}',
    tags: ['siting'],
    summary: 'Delete a camera model',
    request: { params: IdParam },
    responses: { 204: { description: 'Deleted' }, ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
);
const listCandidates = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/siting/candidates',
    tags: ['siting'],
    summary: 'Manual sites, pins and exclusions',
    responses: { 200: json(z.object({ candidates: z.array(OverrideSchema) }), "The planner's candidate edits"), ...STANDARD_ERRORS },
  }),
);
const addCandidate = secured(
  ['planner'],
  createRoute({
    method: 'post',
    path: '/siting/candidates',
    tags: ['siting'],
    summary: 'Add a manual candidate site',
    request: {
      body: {
        content: {
          'application/json': {
            schema: z.object({
              lon: z.number(),
              lat: z.number(),
              heightM: z.number(),
              pinned: z.boolean().optional(),
              note: z.string().max(500).optional(),
            }),
          },
        },
        required: true,
      },
    },
    responses: { 201: json(OverrideSchema, 'Added'), ...STANDARD_ERRORS },
  }),
);
const flagCandidate = secured(
  ['planner'],
  createRoute({
    method: 'put',
    path: '/siting/candidates/{siteKey}',
    tags: ['siting'],
    summary: 'Pin or exclude a site by its key',
    request: {
      params: KeyParam,
      body: {
        content: {
          'application/json': { schema: z.object({ pinned: z.boolean(), excluded: z.boolean(), note: z.string().max(500).optional() }) },
        },
        required: true,
      },
    },
    responses: { 200: json(OverrideSchema, 'Saved'), ...STANDARD_ERRORS },
  }),
);
const removeCandidate = secured(
  ['planner'],
  createRoute({
    method: 'delete',
    path: '/siting/candidates/{siteKey}',
    tags: ['siting'],
    summary: 'Remove a manual site, pin or exclusion',
    request: { params: KeyParam },
    responses: { 204: { description: 'Removed' }, ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
);

function actorOf(c: Context<AppEnv>) {
  const user = c.get('user')!;
  return { actor: { id: user.id, username: user.username }, address: c.get('clientAddress') };
}

const sitingRoutes: RouteModule = {
  name: 'siting',
  register({ api }, deps) {
    api.openapi(suggest, async (c) => {
      const b = c.req.valid('json');
      const limits = [b.cameras, b.budget, b.targetRates].filter((x) => x !== undefined).length;
      if (limits !== 1) throw new BadRequestError('Give exactly one of cameras, budget or targetRates.', { field: 'cameras' });
      const result = await suggestSites(deps.pool, {
        ...(b.cameras === undefined ? {} : { limit: { kind: 'count' as const, cameras: b.cameras } }),
        ...(b.budget === undefined ? {} : { limit: { kind: 'budget' as const, cost: b.budget } }),
        ...(b.targetRates === undefined ? {} : { targetRates: b.targetRates }),
        ...(b.classes === undefined ? {} : { classes: b.classes }),
        ...(b.backupClasses === undefined ? {} : { backupClasses: b.backupClasses }),
        ...(b.areaCode === undefined ? {} : { areaCode: b.areaCode }),
        ...(b.headings === undefined ? {} : { headings: b.headings }),
        ...(b.modelIds === undefined ? {} : { modelIds: b.modelIds }),
        now: b.now === true,
        timeLimitMs: b.timeLimitSec * 1000,
        // A client that closes the connection (the planner's cancel) stops the work.
        signal: c.req.raw.signal,
      });
      let planId: number | null = null;
      if (b.savePlanAs !== undefined) planId = (await createPlan(deps.pool, planFromSuggestion(result, b.savePlanAs), actorOf(c))).id;
      // The siting domain types a site's camera type as a string; the model catalog's CHECK keeps
      // it in the enum (and the integration tests validate every response).
      return c.json({ ...result, planId } as z.output<typeof SuggestResultSchema>, 200);
    });
    api.openapi(listModels, async (c) => c.json({ models: await listCameraModels(deps.pool) }, 200));
    api.openapi(createModel, async (c) => {
      const model = await createCameraModel(deps.pool, c.req.valid('json'), actorOf(c));
      return c.json(model, 201);
    });
    api.openapi(updateModel, async (c) => {
      const model = await updateCameraModel(deps.pool, c.req.valid('param').id, c.req.valid('json'), actorOf(c));
      return c.json(model, 200);
    });
    api.openapi(deleteModel, async (c) => {
      await deleteCameraModel(deps.pool, c.req.valid('param').id, actorOf(c));
      return c.body(null, 204);
    });
    api.openapi(listCandidates, async (c) => c.json({ candidates: await listCandidateOverrides(deps.pool) }, 200));
    api.openapi(addCandidate, async (c) => {
      const site = await addManualSite(deps.pool, c.req.valid('json'), actorOf(c));
      return c.json(site, 201);
    });
    api.openapi(flagCandidate, async (c) => {
      const site = await setCandidateFlags(deps.pool, c.req.valid('param').siteKey, c.req.valid('json'), actorOf(c));
      return c.json(site, 200);
    });
    api.openapi(removeCandidate, async (c) => {
      await removeCandidateOverride(deps.pool, c.req.valid('param').siteKey, actorOf(c));
      return c.body(null, 204);
    });
  },
};

export default sitingRoutes;
