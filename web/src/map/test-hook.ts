// A small, read-only window hook for the browser tests and the performance measurements:
// whether the basemap finished loading, how many cameras the loaded tiles hold, and a way to
// ask deck.gl which cameras it actually drew (picking renders exactly what is on screen).
export interface XlTestHook {
  mapLoaded: boolean;
  mapIdleCount: number;
  /** Frames MapLibre drew ('render' events): under software GL each one costs 80–260 ms. */
  mapRenderCount: number;
  camerasInTiles: number;
  blindSpotTiles: number;
  firstFullRenderMs: number | null;
  /** Times the new-alarm chime played (command center, alarm-sound.ts). */
  chimes?: number;
  /** The date (asOf, or 'today') whose tiles each coverage layer last finished loading for the viewport. */
  viewportLoadedFor: Record<string, string>;
  /** Clicks the map received and what deck.gl picked at each (layer id and camera, or null). */
  mapClicks: Array<{ picked: string | null; deviceId: string | null }>;
  /** Milliseconds of the planner's local gain computation, the last 200 runs (drag frames). */
  planGainMs?: number[];
  pickCameras?: () => Array<{ deviceId: string; x: number; y: number }>;
  pickClusters?: () => Array<{ count: number; lngLat: [number, number] }>;
  projectLngLat?: (lngLat: [number, number]) => { x: number; y: number };
  flyTo?: (lngLat: [number, number], zoom: number) => void;
  getView?: () => { lng: number; lat: number; zoom: number };
  /** Place labels MapLibre actually placed (collision-free), with their screen position. */
  placedPlaceLabels?: () => Array<{ name: string; x: number; y: number }>;
  /** Shows or hides a basemap style layer and resolves once the map drew the change. */
  setBasemapLayerVisible?: (layerId: string, visible: boolean) => Promise<void>;
  /** i18n keys the app asked for that a language lacks ("zh:coverage.foo"); the tests want none. */
  missingKeys?: string[];
  /** Shows or hides coverage layers (performance measurement). */
  setCoverageLayers?: (show: { showFootprints?: boolean; showTargets?: boolean; showBlindSpots?: boolean; showCameras?: boolean }) => void;
}

declare global {
  interface Window {
    __xl?: XlTestHook;
  }
}

export function testHook(): XlTestHook {
  if (window.__xl === undefined) {
    window.__xl = {
      mapLoaded: false,
      mapIdleCount: 0,
      mapRenderCount: 0,
      camerasInTiles: 0,
      blindSpotTiles: 0,
      firstFullRenderMs: null,
      mapClicks: [],
      viewportLoadedFor: {},
    };
  }
  return window.__xl;
}
