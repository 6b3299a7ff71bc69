// Live camera status over Server-Sent Events (/api/v1/events). Keeps the latest state per
// device for the map (statusOverrides + version for deck.gl updateTriggers), and lets panels
// subscribe to refresh their figures. EventSource reconnects by itself and resends
// Last-Event-ID, so a dropped connection resumes where it stopped. The server ends a stream with
// an `end` event when its session ended: then the session is checked again (a password change
// here left a new cookie: the stream reopens with it; otherwise the login page comes back).
import { useEffect, useRef, useState } from 'react';
import type { Schemas } from '../api/client';
import { reportError } from './notices';
import { SESSION_CHECK_EVENT } from './use-session';

type StatusEvent = Schemas['StatusEvent'];

/**
 * Called with each status change, or null when figures changed or events were missed; `event`
 * names the SSE event (`status`, `coverage`, `alarm`, `reset`) for panels that follow only some.
 */
type Listener = (e: StatusEvent | null, event: string) => void;

export interface StatusStream {
  overrides: ReadonlyMap<string, string>;
  version: number;
  connected: boolean;
  subscribe(fn: Listener): () => void;
}

// `status`: one camera changed state (StatusEvent); the server names every event it sends.
const EVENT_NAMES = ['status'];
// `coverage`: changed coverage figures; `alarm`: an alarm was raised (after the flap window, with
// no status change to announce it); `reset`: events were missed, reload everything.
const REFRESH_EVENTS = ['coverage', 'reset', 'alarm'];

export function useStatusStream(enabled: boolean): StatusStream {
  const overrides = useRef(new Map<string, string>());
  const listeners = useRef(new Set<Listener>());
  const [version, setVersion] = useState(0);
  const [connected, setConnected] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    const es = new EventSource('/api/v1/events', { withCredentials: true });
    const onEvent = (ev: MessageEvent<string>) => {
      let data: StatusEvent;
      try {
        // The payload is the document's StatusEvent (api/http/schemas/events.ts).
        data = JSON.parse(ev.data) as StatusEvent;
      } catch (e) {
        // A status event the page cannot read: the map may be behind; say so.
        reportError(e, 'command.live');
        return;
      }
      overrides.current.set(data.deviceId, data.state);
      setVersion((v) => v + 1);
      for (const fn of listeners.current) fn(data, ev.type);
    };
    for (const name of EVENT_NAMES) es.addEventListener(name, onEvent as EventListener);
    const onRefresh = (ev: Event) => {
      for (const fn of listeners.current) fn(null, ev.type);
    };
    for (const name of REFRESH_EVENTS) es.addEventListener(name, onRefresh);
    es.addEventListener('end', () => {
      es.close();
      setConnected(false);
      window.dispatchEvent(new Event(SESSION_CHECK_EVENT));
      setGeneration((g) => g + 1);
    });
    es.onopen = () => setConnected(true);
    es.onerror = () => setConnected(es.readyState === EventSource.OPEN);
    return () => {
      es.close();
      setConnected(false);
    };
  }, [enabled, generation]);

  return {
    overrides: overrides.current,
    version,
    connected,
    subscribe(fn) {
      listeners.current.add(fn);
      return () => listeners.current.delete(fn);
    },
  };
}
