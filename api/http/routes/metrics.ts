// Prometheus metrics at /metrics: request rates and latencies per route (kept in memory),
// cameras by state and agent poll counters (from the database). Needs a login like everything
// but /healthz: give Prometheus an API token (`xueliang user token`, bearer_token in its config).
import { z } from '@hono/zod-openapi';
import { databaseGauges } from '../../domain/metrics/database-gauges';
import type { RouteModule } from '../env';
import { requireRole } from '../middleware/require-role';
import { STANDARD_ERRORS } from '../schemas/common';
import { ROLES_EXTENSION } from '../secured';

const metricsRoutes: RouteModule = {
  name: 'metrics',
  register({ root }, deps) {
    root.openAPIRegistry.registerPath({
      method: 'get',
      path: '/metrics',
      tags: ['operations'],
      summary: 'Prometheus metrics (text format 0.0.4)',
      description:
        'xueliang_http_requests_total, xueliang_http_request_duration_seconds, xueliang_cameras{state}, ' +
        'xueliang_agent_polls_total, xueliang_agent_heartbeat_age_seconds, xueliang_sse_subscribers.\n\nRequires any logged-in user.',
      security: [{ session: [] }, { bearer: [] }],
      [ROLES_EXTENSION]: ['viewer'],
      responses: { 200: { description: 'Metrics', content: { 'text/plain': { schema: z.string() } } }, ...STANDARD_ERRORS },
    });
    root.get('/metrics', requireRole('viewer'), async (c) => {
      const sse = `# HELP xueliang_sse_subscribers Open /api/v1/events streams.\n# TYPE xueliang_sse_subscribers gauge\nxueliang_sse_subscribers ${deps.events.subscriberCount}\n`;
      const text = deps.metrics.render() + (await databaseGauges(deps.pool)) + sse;
      return c.body(text, 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
    });
  },
};

export default metricsRoutes;
