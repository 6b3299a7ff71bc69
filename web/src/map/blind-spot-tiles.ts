// Blind-spot tiles reach MapLibre through a protocol of ours so the planner's local preview can
// read the same tiles the map draws, without fetching them twice: each tile's bytes are handed
// to the listener with its key ("x-y-z") and box, and parsed into features (local tile
// coordinates, 0..1 across the tile, y down) only when the listener asks for them.
import { MVTLoader } from '@loaders.gl/mvt';
import type { Feature, Geometry } from 'geojson';
import maplibregl from 'maplibre-gl';
import { tileBox, type TileBox } from './tile-features';
import { BLIND_TILE_PROTOCOL } from './coverage-layers';

export type TileFeatures = Array<Feature<Geometry, Record<string, unknown>>>;
export type BlindTileListener = (tileKey: string, features: () => TileFeatures, box: TileBox) => void;

let listener: BlindTileListener | null = null;
let registered = false;

/** The one listener of loaded blind-spot tiles (the planner's editor), or null. */
export function onBlindSpotTiles(l: BlindTileListener | null): void {
  listener = l;
}

/** Registers the protocol once per page (MapLibre keeps protocols globally). */
export function registerBlindSpotProtocol(): void {
  if (registered) return;
  registered = true;
  maplibregl.addProtocol(BLIND_TILE_PROTOCOL, async (params, abort) => {
    const url = params.url.slice(BLIND_TILE_PROTOCOL.length + 3);
    const res = await fetch(url, { signal: abort.signal, credentials: 'same-origin' });
    if (res.status === 204) return { data: new ArrayBuffer(0) };
    if (!res.ok) throw new Error(`blind-spot tile ${url}: HTTP ${res.status}`);
    const data = await res.arrayBuffer();
    const m = /\/(\d+)\/(\d+)\/(\d+)\.mvt/.exec(url);
    if (listener !== null && m !== null) {
      const [z, x, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
      // A copy: MapLibre transfers `data` to its worker, which leaves this thread's buffer empty.
      const bytes = data.slice(0);
      let parsed: TileFeatures | null = null;
      const features = () =>
        (parsed ??=
          bytes.byteLength === 0 ? [] : (MVTLoader.parseSync!(bytes, { mvt: { shape: 'geojson', coordinates: 'local' } }) as TileFeatures));
      listener(`${x}-${y}-${z}`, features, tileBox(x, y, z));
    }
    return { data };
  });
}
