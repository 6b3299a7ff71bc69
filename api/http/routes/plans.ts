// Plans of proposed cameras over HTTP: list, create, get, replace, delete, evaluate on the
// server, compare, and export as a camera schedule CSV. The work is in api/domain/plans.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { comparePlans, createPlan, deletePlan, evaluatePlan, getPlan, listPlans, planSchedule, MAX_PLAN_CAMERAS } from '../../domain/plans';
import { updatePlan } from '../../domain/plans';
import { BadRequestError } from '../../errors';
import type { AppEnv, RouteModule } from '../env';
import { Day, Fraction, NOT_FOUND, nullable, STANDARD_ERRORS, Timestamp } from '../schemas/common';
import { AreaGains, ClassGains, CoverageAreaRates, TargetClassEnum, UnitEnum } from '../schemas/coverage';
import { secured } from '../secured';
import { SuggestResultSchema } from './siting';

const PtzPreset = z
  .object({
    azimuthDeg: z.number().openapi({ description: 'compass degrees, 0 = north, clockwise' }),
    tiltDeg: z.number().optional().openapi({ description: 'degrees below the horizontal' }),
    hfovDeg: z.number().optional(),
  })
  .openapi('PtzPreset');
const CameraInput = z
  .object({
    name: z.string().max(200).optional(),
    type: z.enum(['fixed', 'dome', 'ptz', 'fisheye']),
    lon: z.number(),
    lat: z.number(),
    heightM: z.number(),
    azimuthDeg: z.number().nullable().optional(),
    tiltDeg: z
      .number()
      .nullable()
      .optional()
      .openapi({ description: "degrees below the horizontal; null: the engine's default (the horizon at the top of the image)" }),
    hfovDeg: z.number(),
    vfovDeg: z.number().nullable().optional().openapi({ description: 'null: from the HFOV and the pixel aspect' }),
    resolutionH: z.number().int(),
    resolutionV: z.number().int(),
    ptzPresets: z.array(PtzPreset).max(64).optional().openapi({ description: 'PTZ headings; none: the PTZ pans all round' }),
    modelId: z.number().int().nullable().optional(),
    unitCost: z.number().nullable().optional(),
    siteKey: z.string().max(120).nullable().optional(),
    marginalGain: z.number().nullable().optional(),
    note: z.string().max(1000).optional(),
  })
  .openapi('PlanCameraInput');
const PlanBody = z
  .object({
    name: z.string().min(1).max(200),
    description: z.string().max(5000).optional(),
    mode: z.enum(['design', 'now']).optional(),
    cameras: z.array(CameraInput).max(MAX_PLAN_CAMERAS),
  })
  .openapi('PlanInput');
const CameraSchema = CameraInput.extend({
  id: z.number().int(),
  position: z.number().int().openapi({ description: 'order in the plan, from 1' }),
  name: z.string(),
  note: z.string(),
  modelName: z.string().nullable(),
  x: z.number().openapi({ description: "easting in planar metres of the dataset's metric projection (UTM zone)" }),
  y: z.number().openapi({ description: "northing in planar metres of the dataset's metric projection (UTM zone)" }),
  azimuthDeg: z.number().nullable().openapi({ description: 'compass degrees; null: a PTZ or fisheye seeing all round' }),
  tiltDeg: z.number().nullable(),
  vfovDeg: z.number().nullable(),
  ptzPresets: z.array(PtzPreset),
  modelId: z.number().int().nullable().openapi({ description: 'the catalog model; null: none chosen' }),
  unitCost: z.number().nullable().openapi({ description: 'catalog currency' }),
  siteKey: z.string().nullable(),
  marginalGain: z.number().nullable().openapi({ description: "the search's gain when the camera came from a suggestion; null otherwise" }),
}).openapi('PlanCamera');
const EvaluationSchema = z
  .object({
    planId: z.number().int(),
    mode: z.enum(['design', 'now']),
    area: z.string().nullable().openapi({ description: 'admin area code of `classes`, or null for the whole dataset' }),
    asOf: Day("the dataset's day the figures are for (YYYY-MM-DD)"),
    evaluatedAt: Timestamp(),
    cameraCount: z.number().int(),
    totalCost: z.number().openapi({ description: 'sum of unit costs, catalog currency' }),
    classes: z.array(
      z.object({
        className: TargetClassEnum,
        unit: UnitEnum,
        total: z.number(),
        coveredBefore: z.number(),
        coveredAfter: z.number(),
        gain: z.number().openapi({ description: 'coveredAfter − coveredBefore (intersections, road metres or square metres)' }),
        coveredTargetsBefore: z.number().int(),
        coveredTargetsAfter: z.number().int(),
        rateBefore: Fraction('覆盖率 before: exactly GET /coverage for the mode and area'),
        rateAfter: Fraction('覆盖率 after: what GET /coverage will say once the plan is built'),
      }),
    ),
    before: z.array(CoverageAreaRates).openapi({ description: 'every area as GET /coverage returns them' }),
    after: z.array(CoverageAreaRates),
    gains: z.array(AreaGains),
    cameras: z.array(
      z.object({
        position: z.number().int(),
        name: z.string(),
        gain: ClassGains.openapi({ description: 'what the camera adds to the whole dataset after the cameras before it in the plan' }),
        newlyCoveredTargets: z.number().int(),
      }),
    ),
    ms: z.number().openapi({ description: 'time the evaluation took, ms' }),
  })
  .openapi('PlanEvaluation');
const SuggestionSchema = SuggestResultSchema.pick({
  problem: true,
  limit: true,
  value: true,
  bound: true,
  boundSource: true,
  gap: true,
  optimal: true,
  feasible: true,
  rates: true,
  searchRates: true,
  notes: true,
})
  .extend({
    confirmation: nullable(SuggestResultSchema.shape.confirmation).openapi({
      description:
        'how the engine confirmed the suggestion; null for a plan saved before suggestions were confirmed (its rates are then empty)',
    }),
  })
  .openapi('PlanSuggestion');
const SummarySchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string(),
    mode: z.enum(['design', 'now']),
    suggestion: nullable(SuggestionSchema).openapi({ description: 'the suggestion the plan was saved from; null for a drawn plan' }),
    evaluation: nullable(EvaluationSchema).openapi({ description: 'the last stored evaluation; null before the first' }),
    createdBy: z.string().nullable().openapi({
      description: 'the owner: only they (or an admin) may replace or delete the plan; null when saved from the command line',
    }),
    createdAt: Timestamp(),
    updatedAt: Timestamp('last replace (evaluations do not count)'),
    cameraCount: z.number().int(),
    totalCost: z.number().openapi({ description: 'sum of unit costs, catalog currency' }),
  })
  .openapi('PlanSummary');
const PlanSchema = SummarySchema.extend({ cameras: z.array(CameraSchema) }).openapi('Plan');
const EvaluateBody = z
  .object({
    mode: z.enum(['design', 'now']).optional(),
    area: z
      .string()
      .regex(/^[0-9]{6,12}$/)
      .optional()
      .openapi({ description: 'admin area code whose figures go into `classes`' }),
  })
  .openapi('PlanEvaluateRequest');
// The plan repository types the stored suggestion and evaluation (jsonb) as unknown; they are
// written only from the shapes above (and the integration tests validate every response).
type PlanBody = z.output<typeof PlanSchema>;
type SummaryBody = z.output<typeof SummarySchema>;
const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' }, type: 'integer' }),
});
const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T extends z.ZodTypeAny>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

const list = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/plans',
    tags: ['plans'],
    summary: 'Saved plans, newest first',
    request: { query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }) },
    responses: { 200: json(z.object({ plans: z.array(SummarySchema) }).openapi('PlanList'), 'Plans'), ...STANDARD_ERRORS },
  }),
);
const create = secured(
  ['planner'],
  createRoute({
    method: 'post',
    path: '/plans',
    tags: ['plans'],
    summary: 'Save a plan of proposed cameras',
    request: body(PlanBody),
    responses: { 201: json(PlanSchema, 'Created'), ...STANDARD_ERRORS },
  }),
);
const getOne = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/plans/{id}',
    tags: ['plans'],
    summary: 'A plan with its cameras',
    request: { params: IdParam },
    responses: { 200: json(PlanSchema, 'The plan'), ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
);
const replace = secured(
  ['planner'],
  createRoute({
    method: 'put',
    path: '/plans/{id}',
    tags: ['plans'],
    summary: 'Replace a plan (name, mode and the whole camera list): its owner or an admin',
    request: { params: IdParam, ...body(PlanBody) },
    responses: { 200: json(PlanSchema, 'Updated'), ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
);
const remove = secured(
  ['planner'],
  createRoute({
    method: 'delete',
    path: '/plans/{id}',
    tags: ['plans'],
    summary: 'Delete a plan: its owner or an admin',
    request: { params: IdParam },
    responses: { 204: { description: 'Deleted' }, ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
);
const evaluate = secured(
  ['planner'],
  createRoute({
    method: 'post',
    path: '/plans/{id}/evaluate',
    tags: ['plans'],
    summary: 'Evaluate a plan with the coverage engine: GET /coverage before → once built, gain per class and camera',
    request: {
      params: IdParam,
      body: {
        content: {
          'application/json': {
            schema: EvaluateBody,
          },
        },
        required: false,
      },
    },
    responses: { 200: json(EvaluationSchema, 'Evaluation (also stored on the plan)'), ...STANDARD_ERRORS, ...NOT_FOUND },
  }),
);
const compare = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/plans/compare',
    tags: ['plans'],
    summary: 'Compare plans side by side (evaluated now, not stored)',
    request: {
      query: z.object({
        ids: z.string().regex(/^\d+(,\d+){0,9}$/, 'expected 1 to 10 plan ids separated by commas'),
        mode: z.enum(['design', 'now']).optional(),
        area: z
          .string()
          .regex(/^[0-9]{6,12}$/)
          .optional(),
      }),
    },
    responses: {
      200: json(
        z
          .object({
            plans: z.array(
              EvaluationSchema.extend({
                name: z.string(),
                newlyCoveredTargets: z.number().int().openapi({ description: 'targets that reach their required coverage, all classes' }),
                costPerNewTarget: z.number().nullable().openapi({ description: 'total cost per newly covered target; null when none' }),
              }),
            ),
          })
          .openapi('PlanComparison'),
        'Evaluations',
      ),
      ...STANDARD_ERRORS,
      ...NOT_FOUND,
    },
  }),
);
const schedule = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/plans/{id}/schedule.csv',
    tags: ['plans'],
    summary: 'The plan as a camera schedule (CSV, UTF-8 with BOM): device codes, models, costs and the engine gain per camera',
    request: { params: IdParam },
    responses: {
      200: { content: { 'text/csv': { schema: z.string() } }, description: 'One row per proposed camera' },
      ...STANDARD_ERRORS,
      ...NOT_FOUND,
    },
  }),
);

function who(c: Context<AppEnv>) {
  const user = c.get('user')!;
  return { actor: { id: user.id, username: user.username }, address: c.get('clientAddress'), role: user.role };
}

const plansRoutes: RouteModule = {
  name: 'plans',
  register({ api }, deps) {
    api.openapi(list, async (c) => c.json({ plans: (await listPlans(deps.pool, c.req.valid('query').limit)) as SummaryBody[] }, 200));
    // /plans/compare is declared before /plans/{id} so "compare" is never taken for an id.
    api.openapi(compare, async (c) => {
      const q = c.req.valid('query');
      return c.json(await comparePlans(deps.pool, q.ids.split(',').map(Number), q.mode, q.area), 200);
    });
    api.openapi(create, async (c) => c.json((await createPlan(deps.pool, c.req.valid('json'), who(c))) as PlanBody, 201));
    api.openapi(getOne, async (c) => c.json((await getPlan(deps.pool, c.req.valid('param').id)) as PlanBody, 200));
    api.openapi(replace, async (c) =>
      c.json((await updatePlan(deps.pool, c.req.valid('param').id, c.req.valid('json'), who(c))) as PlanBody, 200),
    );
    api.openapi(remove, async (c) => {
      await deletePlan(deps.pool, c.req.valid('param').id, who(c));
      return c.body(null, 204);
    });
    api.openapi(evaluate, async (c) => {
      // The body is optional: an empty one evaluates the plan's own mode for the whole dataset.
      const raw = c.req.header('content-length') === '0' ? {} : await c.req.json().catch(() => ({}));
      const body = EvaluateBody.safeParse(raw);
      if (!body.success)
        throw new BadRequestError(body.error.issues[0]?.message ?? 'Invalid body.', { field: String(body.error.issues[0]?.path[0] ?? '') });
      const { mode, area } = body.data;
      return c.json(
        await evaluatePlan(deps.pool, c.req.valid('param').id, {
          ...(mode === undefined ? {} : { mode }),
          ...(area === undefined ? {} : { area }),
        }),
        200,
      );
    });
    api.openapi(schedule, async (c) => {
      const { fileName, csv } = await planSchedule(deps.pool, c.req.valid('param').id);
      return c.body(csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${fileName}"`,
      });
    });
  },
};

export default plansRoutes;
