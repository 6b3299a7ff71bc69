// The map: MapLibre draws the basemap from the project's style (own tiles, glyphs and sprite)
// and the coverage layers on top of it (coverage-layers.ts) from the API's vector tiles. deck.gl
// joins through MapboxOverlay (plan-overlay.ts, loaded then) only when the planner draws a plan.
// React only passes props; polygons are never computed here.
import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { PickingInfo } from '@deck.gl/core';
import maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { apiHref, type Schemas } from '../api/client';
import { registerBlindSpotProtocol } from './blind-spot-tiles';
import { clusterCameras, standsOn, type CameraPoint } from './camera-clusters';
import {
  addStateIcon,
  CAMERA_ICON_LAYER,
  CLUSTER_BELOW_ZOOM,
  CLUSTER_LAYER,
  CLUSTER_SOURCE,
  CAMERA_POINTS_SOURCE,
  COVERAGE_SOURCES,
  TILE_MAX_ZOOM,
  updateCoverageLayers,
  visibilityChanged,
  withCoverage,
  type CoverageLayerProps,
} from './coverage-layers';
import { createFrameHold } from './frame-hold';
import { drawPunctuationFromServer } from './server-punctuation';
import { testHook } from './test-hook';
import { PLAN_CAMERA_RADIUS_PX, PLAN_HANDLE_RADIUS_PX, type PlanDrawing } from '../planning/plan-drawing';
import type * as PlanOverlay from './plan-overlay';

type PlanOverlayModule = typeof PlanOverlay;

export interface MapClick {
  lngLat: [number, number];
  deviceId?: string;
  cluster?: boolean;
}

export interface MapViewProps {
  theme: 'dark' | 'light';
  lang: 'zh' | 'en';
  dataset: Schemas['Dataset'] | null;
  coverage: CoverageLayerProps;
  /** The planner's proposed cameras, footprints and handles (null: not planning). */
  plan?: PlanDrawing | null;
  onClick?: (click: MapClick) => void;
  /** Pointer handling for editors (planning): return true to stop the map from panning. */
  onPointerDown?: (lngLat: [number, number], point: { x: number; y: number }, pick: PickingInfo | null) => boolean;
  onPointerMove?: (lngLat: [number, number]) => void;
  onPointerUp?: (lngLat: [number, number]) => void;
  onMap?: (map: maplibregl.Map | null) => void;
  /** The map has drawn every tile of the view for this date ('today' or YYYY-MM-DD). */
  onDrawn?: (asOf: string) => void;
}

/**
 * The longest a new date's tiles keep the map on the date before (frame-hold.ts): a date whose
 * tiles take longer is drawn as they come.
 */
const DATE_HOLD_MAX_MS = 1500;

function styleUrl(theme: 'dark' | 'light', lang: 'zh' | 'en'): string {
  return `${window.location.origin}${apiHref('/api/v1/style.json', { query: { theme, lang } })}`;
}

type CameraTileFeature = {
  properties: { device_id?: unknown; state?: unknown; cluster?: unknown; count?: unknown; install_date?: unknown; removal_date?: unknown };
  geometry: unknown;
};

/** The device id and position of a rendered or source camera feature. */
function cameraPoint(f: CameraTileFeature): CameraPoint | null {
  const id = f.properties.device_id;
  const g = f.geometry as { type?: string; coordinates?: number[] };
  if (typeof id !== 'string' || g.type !== 'Point' || g.coordinates === undefined) return null;
  const { install_date: installDate, removal_date: removalDate } = f.properties;
  return {
    deviceId: id,
    state: typeof f.properties.state === 'string' ? f.properties.state : undefined,
    lngLat: [g.coordinates[0]!, g.coordinates[1]!],
    ...(typeof installDate === 'string' ? { installDate } : {}),
    ...(typeof removalDate === 'string' ? { removalDate } : {}),
  };
}

export function MapView(props: MapViewProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const planModule = useRef<PlanOverlayModule | null>(null);
  const propsRef = useRef(props);
  // The coverage props the map's layers were last brought to (null: not added to this style yet).
  const drawnCoverage = useRef<CoverageLayerProps | null>(null);
  // Whether the current style has loaded (MapLibre's isStyleLoaded also waits for every tile).
  const styleReady = useRef(false);
  const refreshClusters = useRef<() => void>(() => undefined);
  // Holds the map's frames while a new date's tiles load (frame-hold.ts); null before the map exists.
  const holdForTiles = useRef<((sourceIds: string[], dateChanged: boolean) => void) | null>(null);
  const releaseFrames = useRef<() => void>(() => undefined);
  const dragging = useRef(false);
  useEffect(() => {
    propsRef.current = props;
  });
  // A whole new style (not a diff) with the coverage layers of the current props in it.
  const loadStyle = (map: maplibregl.Map, theme: 'dark' | 'light', lang: 'zh' | 'en') => {
    drawnCoverage.current = null;
    styleReady.current = false;
    releaseFrames.current();
    map.setStyle(styleUrl(theme, lang), {
      diff: false,
      transformStyle: (_previous, next) => {
        drawnCoverage.current = propsRef.current.coverage;
        return withCoverage(next, propsRef.current.coverage);
      },
    });
  };

  useEffect(() => {
    const started = performance.now();
    const hook = testHook();
    const ds = propsRef.current.dataset;
    registerBlindSpotProtocol();
    const map = new maplibregl.Map({
      container: container.current!,
      center: ds?.center ?? [0, 0],
      zoom: 13,
      // CJK glyphs are drawn by the browser from this font (the @fontsource Noto Sans SC CSS
      // font bundled with the app) instead of server glyph PBFs: there is no online glyph
      // server on an isolated network, and rasterising every ideograph on the server would be
      // megabytes per range. Latin glyphs and punctuation come from /api/v1/glyphs
      // (./server-punctuation.ts says why the full-width forms do too).
      localIdeographFontFamily: "'Noto Sans SC', sans-serif",
      attributionControl: { compact: false },
      fadeDuration: 0,
    });
    if (ds?.bounds) map.fitBounds(ds.bounds, { padding: 20, animate: false });
    map.addControl(new maplibregl.NavigationControl({ visualizePitch: false }), 'bottom-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    mapRef.current = map;
    // The clusters' cameras (coverage-layers.ts: another date's tiles hold every date's cameras).
    const cameraSource = { id: CAMERA_POINTS_SOURCE, sourceLayer: COVERAGE_SOURCES.cameras.sourceLayer };
    const present = (ids: string[]) => ids.filter((id) => map.getLayer(id) !== undefined);

    loadStyle(map, propsRef.current.theme, propsRef.current.lang);
    // After setStyle: the style (and its glyph manager) exists from then on.
    if (!drawPunctuationFromServer(map)) console.warn('MapLibre internals changed: full-width punctuation is drawn by the browser font');
    // The style came with the coverage layers of the props of its arrival; props that changed
    // since are brought in now.
    map.on('style.load', () => {
      const drawn = drawnCoverage.current;
      if (drawn !== null && drawn !== propsRef.current.coverage) updateCoverageLayers(map, drawn, propsRef.current.coverage);
      drawnCoverage.current = propsRef.current.coverage;
      styleReady.current = true;
      refreshClusters.current();
    });
    map.on('styleimagemissing', (e: { id: string }) => {
      addStateIcon(map, e.id);
    });
    map.on('load', () => {
      hook.mapLoaded = true;
    });

    // The decoded cameras of the loaded tiles, kept while the tiles stay (another date filters
    // them again: reading 20,000 features back from MapLibre cost more than the filter).
    let decoded: CameraPoint[] | null = null;
    /**
     * The cameras of the loaded camera tiles standing on the drawn date, each once (a point near
     * a tile edge is in two). Another date's tiles hold the cameras of every date.
     */
    const loadedCameras = (): CameraPoint[] => {
      if (map.getSource(cameraSource.id) === undefined) return [];
      if (decoded === null) {
        const seen = new Map<string, CameraPoint>();
        for (const f of map.querySourceFeatures(cameraSource.id, { sourceLayer: cameraSource.sourceLayer })) {
          const p = cameraPoint(f as unknown as CameraTileFeature);
          if (p !== null && !seen.has(p.deviceId)) seen.set(p.deviceId, p);
        }
        decoded = [...seen.values()];
      }
      const day = drawnCoverage.current?.asOf ?? null;
      return day === null ? decoded : decoded.filter((p) => standsOn(p, day));
    };
    // Clusters follow the loaded camera tiles, the zoom and the live states, once a frame at most;
    // at once when the camera tiles have all loaded (a frame later cost a whole software-GL frame).
    let clusterFrame = 0;
    // Clusterings made from wholly loaded camera tiles (a held date waits for one after its tiles).
    let clusteredLoaded = 0;
    const clusterNow = () => {
      cancelAnimationFrame(clusterFrame);
      clusterFrame = 0;
      const src = map.getSource(CLUSTER_SOURCE) as maplibregl.GeoJSONSource | undefined;
      if (src === undefined) return;
      const cams = loadedCameras();
      if (map.isSourceLoaded(cameraSource.id)) {
        hook.camerasInTiles = cams.length;
        clusteredLoaded++;
      }
      const zoom = map.getZoom();
      const tileZoom = Math.min(TILE_MAX_ZOOM, Math.round(zoom));
      src.setData(
        zoom >= CLUSTER_BELOW_ZOOM
          ? { type: 'FeatureCollection', features: [] }
          : clusterCameras(cams, tileZoom, propsRef.current.coverage.statusOverrides),
      );
    };
    refreshClusters.current = () => {
      if (clusterFrame === 0) clusterFrame = requestAnimationFrame(clusterNow);
    };
    map.on('sourcedata', (e) => {
      if (e.sourceId !== cameraSource.id) return;
      decoded = null;
      // Not on 'metadata' (new tile URLs: the old date's tiles are still the loaded ones).
      if (e.isSourceLoaded && e.sourceDataType !== 'metadata') clusterNow();
    });
    map.on('moveend', () => {
      decoded = null;
    });
    map.on('zoomend', () => refreshClusters.current());
    // A new date (or mode, or level) is drawn once, when its tiles and clusters are all in.
    const frames = createFrameHold(map);
    releaseFrames.current = frames.release;
    holdForTiles.current = (ids, dateChanged) => {
      const clustersDue =
        (ids.includes(cameraSource.id) || dateChanged) && propsRef.current.coverage.showCameras && map.getZoom() < CLUSTER_BELOW_ZOOM;
      if (ids.length === 0 && !clustersDue) return;
      const clustered = clusteredLoaded;
      const loaded = (id: string) => map.getSource(id) === undefined || map.isSourceLoaded(id);
      frames.hold(() => ids.every(loaded) && (!clustersDue || (clusteredLoaded > clustered && loaded(CLUSTER_SOURCE))), DATE_HOLD_MAX_MS);
      // The camera tiles of every date stay: the new date's clusters are made from them now.
      // After the task that moved the slider, so the date's requests go out first.
      if (clustersDue && !ids.includes(cameraSource.id))
        setTimeout(() => {
          if (mapRef.current === map) clusterNow();
        }, 0);
    };
    map.on('render', () => {
      hook.mapRenderCount++;
    });
    map.on('idle', () => {
      hook.mapIdleCount++;
      // Idle: every source has the tiles of the viewport for the current URLs, and they are drawn;
      // but the clusters made from the camera tiles may still be due (the next frame): then the
      // map is not drawn yet, and their data brings another idle.
      if (clusterFrame !== 0) return;
      const day = drawnCoverage.current?.asOf ?? 'today';
      for (const key of Object.keys(COVERAGE_SOURCES)) hook.viewportLoadedFor[key] = day;
      propsRef.current.onDrawn?.(day);
      if (hook.firstFullRenderMs === null && hook.camerasInTiles > 0) hook.firstFullRenderMs = performance.now() - started;
    });

    // What the map draws of ours at a point: a camera icon or a cluster, null when nothing.
    const pickAt = (p: { x: number; y: number }, radius = 4): CameraTileFeature | null => {
      const layers = present([CAMERA_ICON_LAYER, CLUSTER_LAYER]);
      if (layers.length === 0) return null;
      const box: [[number, number], [number, number]] = [
        [p.x - radius, p.y - radius],
        [p.x + radius, p.y + radius],
      ];
      const hits = map.queryRenderedFeatures(box, { layers });
      return (hits[0] as unknown as CameraTileFeature | undefined) ?? null;
    };
    // The planner's handles and cameras under a press: deck.gl's pick, or, before deck.gl has
    // drawn the plan (its chunk loads when a plan is first drawn, and it picks from its last
    // frame), the nearest drawn handle or camera by distance, so a press on a slow PC still grabs.
    const pickPlanByDistance = (p: { x: number; y: number }, radius: number): PickingInfo | null => {
      const plan = propsRef.current.plan;
      if (plan == null) return null;
      const near = (lngLat: [number, number], drawnPx: number) => {
        const q = map.project(lngLat);
        return Math.hypot(q.x - p.x, q.y - p.y) <= drawnPx + radius;
      };
      const handle = plan.handles.find((h) => near(h.to, PLAN_HANDLE_RADIUS_PX));
      if (handle !== undefined) return { layer: { id: 'plan-handles' }, object: handle } as unknown as PickingInfo;
      const camera = plan.cameras.find((c) => near(c.lngLat, PLAN_CAMERA_RADIUS_PX));
      return camera === undefined ? null : ({ layer: { id: 'plan-cameras' }, object: camera } as unknown as PickingInfo);
    };
    const pickPlan = (p: { x: number; y: number }, radius: number): PickingInfo | null => {
      try {
        const hit = overlayRef.current?.pickObject({ x: p.x, y: p.y, radius }) ?? null;
        if (hit !== null) return hit;
      } catch (err) {
        // deck.gl's picker asserts until it has drawn once; a throwing listener would cost the user the event.
        console.debug('planner pick before deck.gl drew', err);
      }
      return pickPlanByDistance(p, radius);
    };
    // Editors (planning) take over the pointer when they grab one of their handles; MapLibre
    // skips drag-panning when mousedown's default is prevented.
    map.on('mousedown', (e) => {
      const handler = propsRef.current.onPointerDown;
      if (handler === undefined) return;
      if (handler([e.lngLat.lng, e.lngLat.lat], e.point, pickPlan(e.point, 6))) {
        e.preventDefault();
        dragging.current = true;
      }
    });
    // Clicks are MapLibre's, which always fire, against what the map draws at that moment: a
    // click before the coverage layers are in is still a click on the map (issue 14: the first
    // click of a fresh session was often lost while deck.gl drew the coverage).
    map.on('click', (e) => {
      if (dragging.current) return;
      const lngLat: [number, number] = [e.lngLat.lng, e.lngLat.lat];
      const hit = pickAt(e.point);
      const deviceId = typeof hit?.properties.device_id === 'string' ? hit.properties.device_id : undefined;
      hook.mapClicks.push({
        picked: hit === null ? null : ((hit as unknown as { layer?: { id?: string } }).layer?.id ?? null),
        deviceId: deviceId ?? null,
      });
      if (deviceId !== undefined) propsRef.current.onClick?.({ lngLat, deviceId });
      else if (hit?.properties.cluster === true) {
        const c = (hit.geometry as { coordinates?: number[] }).coordinates;
        const at: [number, number] = c === undefined ? lngLat : [c[0]!, c[1]!];
        map.easeTo({ center: at, zoom: Math.max(map.getZoom() + 2, CLUSTER_BELOW_ZOOM) });
        propsRef.current.onClick?.({ lngLat: at, cluster: true });
      } else propsRef.current.onClick?.({ lngLat });
    });
    map.on('mousemove', (e) => {
      if (dragging.current) propsRef.current.onPointerMove?.([e.lngLat.lng, e.lngLat.lat]);
    });
    map.on('mouseup', (e) => {
      if (!dragging.current) return;
      propsRef.current.onPointerUp?.([e.lngLat.lng, e.lngLat.lat]);
      // Let the click that follows this mouseup see the drag flag, then clear it.
      setTimeout(() => {
        dragging.current = false;
      }, 0);
    });
    for (const id of [CAMERA_ICON_LAYER, CLUSTER_LAYER]) {
      map.on('mouseenter', id, () => (map.getCanvas().style.cursor = 'pointer'));
      map.on('mouseleave', id, () => (map.getCanvas().style.cursor = ''));
    }
    const rendered = (layer: string) => (map.getLayer(layer) === undefined ? [] : map.queryRenderedFeatures({ layers: [layer] }));
    hook.pickCameras = () => {
      const seen = new Map<string, { deviceId: string; x: number; y: number }>();
      for (const f of rendered(CAMERA_ICON_LAYER)) {
        const p = cameraPoint(f as unknown as CameraTileFeature);
        if (p === null || seen.has(p.deviceId)) continue;
        const xy = map.project(p.lngLat);
        seen.set(p.deviceId, { deviceId: p.deviceId, x: xy.x, y: xy.y });
      }
      return [...seen.values()];
    };
    hook.pickClusters = () =>
      rendered(CLUSTER_LAYER).map((f) => {
        const c = (f.geometry as unknown as { coordinates: number[] }).coordinates;
        return { count: Number(f.properties.count ?? 0), lngLat: [c[0]!, c[1]!] as [number, number] };
      });
    hook.projectLngLat = (ll) => {
      const p = map.project(ll);
      return { x: p.x, y: p.y };
    };
    hook.flyTo = (ll, zoom) => map.jumpTo({ center: ll, zoom });
    hook.getView = () => ({ lng: map.getCenter().lng, lat: map.getCenter().lat, zoom: map.getZoom() });
    hook.placedPlaceLabels = () =>
      map.queryRenderedFeatures({ layers: ['place-labels'] }).map((f) => {
        const c = (f.geometry as unknown as { coordinates: [number, number] }).coordinates;
        const p = map.project(c);
        return { name: String(f.properties.name ?? ''), x: p.x, y: p.y };
      });
    hook.setBasemapLayerVisible = (layerId, visible) =>
      new Promise((resolve) => {
        map.once('idle', () => resolve());
        map.setLayoutProperty(layerId, 'visibility', visible ? 'visible' : 'none');
        map.triggerRepaint();
      });
    // For the performance measurement: which coverage layers cost how much of a frame.
    hook.setCoverageLayers = (show) => {
      const prev = drawnCoverage.current;
      if (prev === null) return;
      const next = { ...prev, ...show };
      updateCoverageLayers(map, prev, next);
      drawnCoverage.current = next;
    };
    propsRef.current.onMap?.(map);
    return () => {
      cancelAnimationFrame(clusterFrame);
      propsRef.current.onMap?.(null);
      map.remove();
      mapRef.current = null;
      overlayRef.current = null;
      drawnCoverage.current = null;
    };
  }, []);

  const styleShown = useRef(`${props.theme}/${props.lang}`);
  useEffect(() => {
    const map = mapRef.current;
    if (map === null || styleShown.current === `${props.theme}/${props.lang}`) return;
    styleShown.current = `${props.theme}/${props.lang}`;
    loadStyle(map, props.theme, props.lang);
  }, [props.theme, props.lang]);

  useEffect(() => {
    const map = mapRef.current;
    const prev = drawnCoverage.current;
    // Until the style has loaded, 'style.load' brings its layers to the latest props.
    if (map === null || prev === null || !styleReady.current) return;
    const retiled = updateCoverageLayers(map, prev, props.coverage);
    drawnCoverage.current = props.coverage;
    const dateChanged = prev.asOf !== props.coverage.asOf;
    if (retiled.length > 0 || dateChanged) holdForTiles.current?.(retiled, dateChanged);
    else if (visibilityChanged(prev, props.coverage)) releaseFrames.current();
    if (prev.statusVersion !== props.coverage.statusVersion || prev.statusOverrides !== props.coverage.statusOverrides)
      refreshClusters.current();
  }, [props.coverage]);

  useEffect(() => {
    const map = mapRef.current;
    const plan = props.plan ?? null;
    if (map === null) return;
    if (overlayRef.current !== null && planModule.current !== null) {
      releaseFrames.current();
      overlayRef.current.setProps({ layers: planModule.current.planLayers(plan) });
      return;
    }
    if (plan === null) return;
    let cancelled = false;
    import('./plan-overlay').then(
      (m) => {
        planModule.current = m;
        if (cancelled || mapRef.current !== map || overlayRef.current !== null) return;
        const overlay = m.createPlanOverlay();
        map.addControl(overlay);
        overlayRef.current = overlay;
        overlay.setProps({ layers: m.planLayers(propsRef.current.plan ?? null) });
      },
      (err: unknown) => console.error("the planner's map layers did not load", err),
    );
    return () => {
      cancelled = true;
    };
  }, [props.plan]);

  return <div ref={container} className="map" role="application" aria-label={t('app.map')} data-testid="map" />;
}
