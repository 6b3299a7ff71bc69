// Server-Sent Events: camera status changes (`status`) and changed coverage figures
// (`coverage`) as the database announces them, with Last-Event-ID resume from a bounded buffer.
// A stream lives no longer than the session or API token it was opened with (issue 15 item 16):
// it closes, after an `end` event, at once when this process ends the credential (logout,
// password change, revoke, disable) and at the next periodic re-check otherwise (expiry, the
// CLI or another API process).
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { HubEvent } from '../../domain/events/event-hub';
import { endsCredential, onSessionEnd } from '../../domain/users/session-ends';
import { digest, findApiTokenUser, findSession } from '../../domain/users/sessions';
import type { AppDeps, AppEnv, RouteModule } from '../env';
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
      'write), `coverage` with changed coverage figures, `reset` when events were missed (reload state), ' +
      '`end` with `{"reason":"session ended"}` just before the server closes the stream because the session or API ' +
      'token it was opened with ended (logout, password change, expiry, revocation, user disabled): log in again. ' +
      'Send Last-Event-ID (browsers do it on reconnect) to resume.',
    request: { headers: z.object({ 'last-event-id': z.string().max(100).optional() }) },
    responses: {
      200: { content: { 'text/event-stream': { schema: z.string() } }, description: 'An endless event stream' },
      ...STANDARD_ERRORS,
    },
  }),
);

/** The credential a stream was opened with, and how to ask whether it still holds. */
function credentialOf(c: Context<AppEnv>, deps: AppDeps) {
  const user = c.get('user')!;
  const session = c.get('sessionToken');
  if (c.get('authVia') === 'session' && session !== undefined) {
    return {
      kind: 'session' as const,
      userId: user.id,
      tokenHash: digest(session),
      holds: async () => (await findSession(deps.pool, session))?.user.id === user.id,
    };
  }
  const bearer = (c.req.header('authorization') ?? '').slice(7).trim();
  return {
    kind: 'token' as const,
    userId: user.id,
    tokenHash: digest(bearer),
    holds: async () => (await findApiTokenUser(deps.pool, bearer))?.id === user.id,
  };
}

const eventsRoutes: RouteModule = {
  name: 'events',
  register({ api }, deps) {
    const hub = deps.events;

    api.openapi(events, (c) => {
      const lastEventId = c.req.header('last-event-id') ?? c.req.query('lastEventId');
      const credential = credentialOf(c, deps);
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
          let ended = false;
          stream.onAbort(() => {
            open = false;
            wake?.();
          });
          const end = () => {
            ended = true;
            open = false;
            wake?.();
          };
          const stopListening = onSessionEnd((e) => {
            if (endsCredential(e, credential)) end();
          });
          let checking = false;
          const recheck = setInterval(() => {
            if (checking || !open) return;
            checking = true;
            credential
              .holds()
              .then((holds) => {
                if (!holds) end();
              })
              // A database hiccup is no proof the session ended: keep the stream, check again later.
              .catch((err: Error) => console.error('[api] SSE credential check failed:', err.message))
              .finally(() => {
                checking = false;
              });
          }, deps.config.streamRecheckMs);
          try {
            await hub.ready().catch(() => {});
            queue.unshift(...hub.since(lastEventId));
            // The first write flushes the headers, so the client knows it is connected.
            await stream.writeSSE({ event: 'ready', data: '{}' });
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
            if (ended) await stream.writeSSE({ event: 'end', data: JSON.stringify({ reason: 'session ended' }) });
          } finally {
            clearInterval(recheck);
            stopListening();
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
