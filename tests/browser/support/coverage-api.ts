// Reads a class's rate out of GET /api/v1/coverage independently of the web app's reader, so the
// browser test compares the page with what the API says. Typed by the document the server is
// held to; the whole dataset's row is the one without an area (level "all").
import type { Schemas } from '../../../web/src/api/client';

export function apiClassRate(report: Schemas['CoverageReport'], cls: Schemas['TargetClass']): number | null {
  return report.areas.find((a) => a.level === 'all')?.classes[cls]?.rate ?? null;
}
