// Coverage figures as every route that sends them describes them: GET /coverage, the what-if of
// plans and suggestions (issue 14: the planner's figures are the coverage panel's). Rates are
// fractions 0–1; covered amounts count intersections, road metres or square metres.
import { z } from '@hono/zod-openapi';

export const TargetClassEnum = z.enum(['intersection', 'road', 'hotspot', 'crowded_place']);
export const UnitEnum = z
  .enum(['count', 'm', 'm2'])
  .openapi({ description: 'what total and covered count: intersections, metres of road, or square metres' });

export const CoverageClassRate = z
  .object({
    targets: z.number().int(),
    coveredTargets: z.number().int(),
    unit: UnitEnum,
    total: z.number(),
    covered: z.number(),
    rate: z.number().openapi({ description: '覆盖率, fraction 0–1' }),
    assumedTargets: z.number().int(),
    redundantTargets: z.number().int(),
    meanCameras: z.number(),
  })
  .openapi('CoverageClassRate');

const classRecord = <T extends z.ZodTypeAny>(v: T) =>
  z.object({ intersection: v.optional(), road: v.optional(), hotspot: v.optional(), crowded_place: v.optional() });

/** The four classes' rates (a class without targets is absent). */
export const CoverageClasses = classRecord(CoverageClassRate);

export const CoverageAreaRates = z
  .object({
    areaId: z.number().int().nullable(),
    code: z.string().nullable(),
    name: z.string(),
    level: z.enum(['city', 'county', 'town', 'all']).openapi({ description: "'all' is the whole dataset when it has no city area" }),
    classes: CoverageClasses,
  })
  .openapi('CoverageAreaRates');

export const ClassGain = z
  .object({
    unit: UnitEnum,
    covered: z.number().openapi({ description: 'covered intersections, road metres or square metres gained' }),
    coveredTargets: z.number().int(),
    rate: z.number().openapi({ description: 'change of the rate, fraction 0–1' }),
  })
  .openapi('CoverageClassGain');

export const ClassGains = classRecord(ClassGain).openapi('CoverageClassGains');

export const AreaGains = z
  .object({
    areaId: z.number().int().nullable(),
    code: z.string().nullable(),
    name: z.string(),
    level: z.enum(['city', 'county', 'town', 'all']),
    classes: ClassGains,
  })
  .openapi('CoverageAreaGains');
