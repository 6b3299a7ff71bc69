// What integrating other owners' cameras adds (issue 18, 整合各类视频监控资源): coverage from
// public-security cameras (一类) alone beside coverage with every camera (the integrated 二类 and
// 三类 too), per area and target class. Planners ask it before buying cameras: a street a shop's
// camera already sees may not need a new one. Computed as one-off runs (coverage_adhoc), the
// same rules as the stored figures with a camera filter (xl_part_coverage's classes).
import type pg from 'pg';
import { dropAdhoc, evaluateAdhoc, type AdhocOptions } from './adhoc';
import { queryRates, type AreaRates } from './rates';
import type { CoverageSettings, TargetClass } from './settings';

export interface IntegrationRate {
  /** 覆盖率 with 一类 cameras only (0..1). */
  publicSecurity: number;
  /** 覆盖率 with every camera in service (0..1): the report's own figure. */
  integrated: number;
  /** integrated − publicSecurity: what the 二类/三类 cameras add (0..1). */
  added: number;
}

export interface AreaIntegration {
  areaId: number | null;
  code: string | null;
  name: string;
  level: AreaRates['level'];
  classes: Partial<Record<TargetClass, IntegrationRate>>;
}

/** Area rates counting only cameras of `classes`, under the same date, mode, level and occlusion. */
export async function ratesOfClasses(
  pool: pg.Pool,
  s: CoverageSettings,
  o: Omit<AdhocOptions, 'resourceClasses'>,
  classes: readonly number[],
): Promise<AreaRates[]> {
  const run = await evaluateAdhoc(pool, { ...o, resourceClasses: classes });
  try {
    return await queryRates(pool, s, { runId: run.runId });
  } finally {
    await dropAdhoc(pool, run.runId);
  }
}

/** Public security alone (from `publicSecurity`) beside all cameras (`integrated`), area by area. */
export function compareIntegration(publicSecurity: AreaRates[], integrated: AreaRates[]): AreaIntegration[] {
  const key = (a: AreaRates) => a.areaId ?? -1;
  const alone = new Map(publicSecurity.map((a) => [key(a), a]));
  return integrated.map((a) => {
    const ps = alone.get(key(a));
    const classes: Partial<Record<TargetClass, IntegrationRate>> = {};
    for (const [cls, r] of Object.entries(a.classes) as Array<[TargetClass, AreaRates['classes'][TargetClass]]>) {
      if (r === undefined) continue;
      const mine = ps?.classes[cls]?.rate ?? 0; // an area with targets and no 一类 camera seeing any is 0 %, not unknown
      classes[cls] = { publicSecurity: mine, integrated: r.rate, added: r.rate - mine };
    }
    return { areaId: a.areaId, code: a.code, name: a.name, level: a.level, classes };
  });
}
