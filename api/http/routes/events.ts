// Server-Sent Events: camera status changes (`status`) and changed coverage figures
// (`coverage`) as the database announces them, with Last-Event-ID resume from a bounded buffer.
import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { HubEvent } from '../../domain/events/event-hub';
import type { RouteModule } from '../env';
import { STANDARD_ERRORS } from '../schemas/common';
import { secured } from '../secured';

const KEEPALIVE_MS = 15_000;

const events = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/events',
    tags: ['status'],
    summary: 'Live events (text/event-stream)',
    description:
      'Events: `status` with `{"cameraId","deviceId","state","previousState","since","reason"}` (within 2 s of the agent\'s ' +
      'write), `coverage` with changed coverage figures, `reset` when events were missed (reload state). ' +
      'Send Last-Event-ID (browsers do it on reconnect) to resume.',
    request: { headers: z.object({ 'last-event-id': z.string().max(100).optional() }) },
    responses: {
      200: { content: { 'text/event-stream': { schema: z.string() } }, description: 'An endless event stream' },
      ...STANDARD_ERRORS,
    },
  }),
);

const eventsRoutes: RouteModule = {
  name: 'events',
  register({ api }, deps) {
    const hub = deps.events;

    api.openapi(events, (c) => {
      const lastEventId = c.req.header('last-event-id') ?? c.req.query('lastEventId');
      return streamSSE(
        c,
        async (stream) => {
          const queue: HubEvent[] = [];
          let wake: (() => void) | undefined;
          const unsubscribe = hub.subscribe((e) => {
            queue.push(e);
            wake?.();
          });
          let open = true;
          stream.onAbort(() => {
            open = false;
            wake?.();
          });
          await hub.ready().catch(() => {});
          queue.unshift(...hub.since(lastEventId));
          // The first write flushes the headers, so the client knows it is connected.
          await stream.writeSSE({ event: 'ready', data: '{}' });
          try {
            while (open) {
              while (queue.length > 0 && open) {
                const e = queue.shift()!;
                await stream.writeSSE({ id: e.id, event: e.event, data: e.data });
              }
              if (!open) break;
              await new Promise<void>((resolve) => {
                wake = resolve;
                setTimeout(resolve, KEEPALIVE_MS);
              });
              wake = undefined;
              if (queue.length === 0 && open) await stream.write(': keep-alive\n\n');
            }
          } finally {
            unsubscribe();
          }
        },
        async (err, stream) => {
          console.error('[api] SSE stream failed:', err.message);
          await stream.close();
        },
      );
    });
  },
};

export default eventsRoutes;
