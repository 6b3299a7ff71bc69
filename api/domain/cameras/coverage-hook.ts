// After a camera write, the coverage engine (coverage-engine/index.ts, documented in
// docs/contracts.md "## Coverage tables") recomputes what the camera sees. The write has already
// been committed: a failed refresh is logged, and the next full recompute repairs it.
import type pg from 'pg';
import { optionalModule } from '../optional-module';

interface CoverageModule {
  refreshCameras?: (pool: pg.Pool, cameraIds: number[]) => Promise<unknown>;
}

export async function refreshCoverageForCameras(pool: pg.Pool, cameraIds: number[]): Promise<boolean> {
  if (cameraIds.length === 0) return false;
  const mod = await optionalModule<CoverageModule>(import.meta.url, '../../../coverage-engine/index.ts');
  if (mod?.refreshCameras === undefined) return false;
  try {
    await mod.refreshCameras(pool, cameraIds);
    return true;
  } catch (err) {
    console.error(`[api] coverage refresh for cameras ${cameraIds.slice(0, 10).join(',')} failed:`, (err as Error).message);
    return false;
  }
}
