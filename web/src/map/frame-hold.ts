// A new date drawn in one frame (issue 14, "any date on the slider: rates and map ≤ 1 s").
//
// A move of the time slider gives the camera, blind-spot and footprint sources new tile URLs.
// MapLibre then draws a frame at once (the old tiles again), one as each source's tiles arrive
// and one for the clusters made from the camera tiles: six or seven frames for one date. Under
// software GL (a command center PC without a usable GPU, headless Chromium) each frame costs
// 80–260 ms, most of it reading back the canvas, and those frames competed with the server for
// the same two cores while it cut the date's blind spots.
//
// While a hold is on, the map's repaint requests are noted instead of drawn; the tiles still
// load (MapLibre reloads the tiles of a source whose URLs changed without drawing). The hold ends,
// and the map draws once with everything, when the date's sources have all loaded, after
// `maxMs` (a slow date is then drawn as its tiles come, as before), or at once when the user
// touches the map. So the map shows one date or the other, never the cameras of one date with
// the blind spots of another.
//
// It wraps Map#triggerRepaint, which MapLibre's own code calls for every redraw (5.x); the
// wrapper is an own property of the instance, so MapLibre's behaviour is unchanged when no hold is on.
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface FrameHold {
  /**
   * Holds the map's frames until `ready()` says so (checked as sources load) or `maxMs` passes
   * (counted from the first of overlapping holds).
   */
  hold(ready: () => boolean, maxMs: number): void;
  /** Ends the hold now; the map draws what it owes. */
  release(): void;
  readonly held: boolean;
}

export function createFrameHold(map: MapLibreMap): FrameHold {
  const draw = map.triggerRepaint.bind(map);
  let ready: (() => boolean) | null = null;
  let owed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const release = () => {
    if (ready === null) return;
    ready = null;
    clearTimeout(timer);
    if (owed) {
      owed = false;
      draw();
    }
  };
  map.triggerRepaint = () => {
    if (ready === null) draw();
    else owed = true;
  };
  const check = () => {
    if (ready?.() === true) release();
  };
  // 'data' covers the sources' tiles and GeoJSON updates. Not on 'metadata': a source announces
  // its new URLs or data with it before marking its tiles for reloading (on 'content'), so the
  // old tiles would still count as loaded.
  map.on('data', (e: { sourceDataType?: string }) => {
    if (e.sourceDataType !== 'metadata') check();
  });
  for (const touch of ['mousedown', 'touchstart', 'wheel', 'movestart'] as const) map.on(touch, release);

  return {
    hold(until, maxMs) {
      // A hold taken while one is on (the slider dragged on) keeps the first one's deadline: the
      // map still draws at least every `maxMs`.
      if (ready === null) timer = setTimeout(release, maxMs);
      ready = until;
      // Nothing to wait for (the sources were ready already): draw as usual.
      queueMicrotask(check);
    },
    release,
    get held() {
      return ready !== null;
    },
  };
}
