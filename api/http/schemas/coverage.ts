// Coverage figures as every route that sends them describes them: GET /coverage, the what-if of
// plans and suggestions (issue 14: the planner's figures are the coverage panel's). Rates are
// fractions 0–1; covered amounts count intersections, road metres or square metres.
import { z } from '@hono/zod-openapi';
import { Fraction } from './common';
import { TargetClassSchema } from './vocabulary';

/** The target classes (the named `TargetClass` schema). */
export const TargetClassEnum = TargetClassSchema;
export const UnitEnum = z
  .enum(['count', 'm', 'm2'])
  .openapi({ description: 'what total and covered count: targets (intersections), metres of road, or m²' });

export const CoverageClassRate = z
  .object({
    targets: z.number().int().openapi({ description: 'targets of the class in the area' }),
    coveredTargets: z.number().int().openapi({ description: 'targets covered to the configured share' }),
    unit: UnitEnum,
    total: z.number().openapi({ description: 'all of the class, in unit' }),
    covered: z.number().openapi({ description: 'the covered part, in unit' }),
    rate: Fraction('覆盖率: covered / total'),
    assumedTargets: z.number().int().openapi({ description: 'covered targets that rest on an assumed camera value or building height' }),
    redundantTargets: z.number().int().openapi({ description: 'targets seen (in part) by two or more cameras at their level' }),
    meanCameras: z.number().openapi({ description: 'mean number of cameras that see part of a target at its level' }),
  })
  .openapi('CoverageClassRate');

/** The four classes' rates (a class without targets in the area is absent). */
export const CoverageClasses = z
  .partialRecord(TargetClassSchema, CoverageClassRate)
  .openapi('CoverageClasses', { description: 'per target class; a class without targets in the area is absent' });

// A report's figures: as CoverageClassRate, but where they are unknown ("now" before the first
// status record, statusFrom) everything covered is null; the targets and the total stay known.
const UNKNOWN = ' (null: unknown, "now" before statusFrom)';
export const CoverageReportClassRate = z
  .object({
    targets: z.number().int().openapi({ description: 'targets of the class in the area' }),
    coveredTargets: z
      .number()
      .int()
      .nullable()
      .openapi({ description: `targets covered to the configured share${UNKNOWN}` }),
    unit: UnitEnum,
    total: z.number().openapi({ description: 'all of the class, in unit' }),
    covered: z
      .number()
      .nullable()
      .openapi({ description: `the covered part, in unit${UNKNOWN}` }),
    rate: Fraction(`覆盖率: covered / total${UNKNOWN}`).nullable(),
    assumedTargets: z
      .number()
      .int()
      .nullable()
      .openapi({ description: `covered targets that rest on an assumed camera value or building height${UNKNOWN}` }),
    redundantTargets: z
      .number()
      .int()
      .nullable()
      .openapi({ description: `targets seen (in part) by two or more cameras at their level${UNKNOWN}` }),
    meanCameras: z
      .number()
      .nullable()
      .openapi({ description: `mean number of cameras that see part of a target at its level${UNKNOWN}` }),
  })
  .openapi('CoverageReportClassRate');

/** The report's classes: CoverageClasses whose covered figures may be unknown (null). */
export const CoverageReportClasses = z
  .partialRecord(TargetClassSchema, CoverageReportClassRate)
  .openapi('CoverageReportClasses', { description: 'per target class; a class without targets in the area is absent' });

const AreaLevel = z.enum(['all', 'city', 'county', 'town']).openapi({ description: "'all' is the whole dataset when it has no city area" });

export const CoverageAreaRates = z
  .object({
    areaId: z.number().int().nullable().openapi({ description: 'null: all targets (the whole dataset)' }),
    code: z.string().nullable(),
    name: z.string(),
    level: AreaLevel,
    classes: CoverageReportClasses,
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

export const ClassGains = z
  .partialRecord(TargetClassSchema, ClassGain)
  .openapi('CoverageClassGains', { description: 'per target class; a class without targets in the area is absent' });

export const AreaGains = z
  .object({
    areaId: z.number().int().nullable(),
    code: z.string().nullable(),
    name: z.string(),
    level: AreaLevel,
    classes: ClassGains,
  })
  .openapi('CoverageAreaGains');
