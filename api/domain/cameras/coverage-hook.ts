// After a camera write, the coverage engine (coverage-engine/index.ts, documented in
// docs/contracts.md "## Coverage tables") recomputes what the camera sees. The write has already
// been committed: a failed refresh is logged, and the next full recompute repairs it.
import type pg from 'pg';
import { refreshCameras } from '../../../coverage-engine';

export async function refreshCoverageForCameras(pool: pg.Pool, cameraIds: number[]): Promise<boolean> {
  if (cameraIds.length === 0) return false;
  try {
    await refreshCameras(pool, cameraIds);
    return true;
  } catch (err) {
    console.error(`[api] coverage refresh for cameras ${cameraIds.slice(0, 10).join(',')} failed:`, (err as Error).message);
    return false;
  }
}
