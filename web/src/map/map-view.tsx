// The map: MapLibre draws the basemap from the project's style (own tiles, glyphs and
// sprite), deck.gl draws the coverage layer on top through MapboxOverlay. React only passes
// props; polygons are never computed here.
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer, PickingInfo } from '@deck.gl/core';
import maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { apiHref, type Schemas } from '../api/client';
import { CoverageLayer, type CoverageLayerProps } from './coverage-layer';
import { drawPunctuationFromServer } from './server-punctuation';
import { testHook } from './test-hook';

export interface MapClick {
  lngLat: [number, number];
  deviceId?: string;
  cluster?: boolean;
}

export interface MapViewProps {
  theme: 'dark' | 'light';
  lang: 'zh' | 'en';
  dataset: Schemas['Dataset'] | null;
  coverage: Omit<CoverageLayerProps, 'onCamerasLoaded'>;
  extraLayers?: Layer[];
  onClick?: (click: MapClick) => void;
  /** Pointer handling for editors (planning): return true to stop the map from panning. */
  onPointerDown?: (lngLat: [number, number], point: { x: number; y: number }, pick: PickingInfo | null) => boolean;
  onPointerMove?: (lngLat: [number, number]) => void;
  onPointerUp?: (lngLat: [number, number]) => void;
  onMap?: (map: maplibregl.Map | null) => void;
}

function styleUrl(theme: 'dark' | 'light', lang: 'zh' | 'en'): string {
  return `${window.location.origin}${apiHref('/api/v1/style.json', { query: { theme, lang } })}`;
}

export function MapView(props: MapViewProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const propsRef = useRef(props);
  const dragging = useRef(false);
  useEffect(() => {
    propsRef.current = props;
  });

  useEffect(() => {
    const started = performance.now();
    const hook = testHook();
    const ds = propsRef.current.dataset;
    const map = new maplibregl.Map({
      container: container.current!,
      style: styleUrl(propsRef.current.theme, propsRef.current.lang),
      center: ds?.center ?? [0, 0],
      zoom: 13,
      // CJK glyphs are drawn by the browser from this font (the @fontsource Noto Sans SC CSS
      // font bundled with the app) instead of server glyph PBFs: there is no online glyph
      // server on an isolated network, and rasterising every ideograph on the server would be
      // megabytes per range. Latin glyphs and punctuation come from /api/v1/glyphs
      // (./server-punctuation.ts says why the full-width forms do too).
      localIdeographFontFamily: "'Noto Sans SC', sans-serif",
      attributionControl: { compact: false },
    });
    if (!drawPunctuationFromServer(map)) console.warn('MapLibre internals changed: full-width punctuation is drawn by the browser font');
    if (ds?.bounds) map.fitBounds(ds.bounds, { padding: 20, animate: false });
    map.addControl(new maplibregl.NavigationControl({ visualizePitch: false }), 'bottom-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    // Interleaved: deck.gl draws into MapLibre's WebGL context, one canvas and one composite per
    // frame instead of two (measured: it matters most on software-rendered wall PCs).
    const overlay = new MapboxOverlay({
      interleaved: true,
      layers: [],
      getCursor: ({ isHovering }) => (isHovering ? 'pointer' : 'grab'),
    });
    map.addControl(overlay);
    mapRef.current = map;
    // What deck.gl draws at a point; null until deck.gl has started (its picker asserts before
    // that, and a throwing map listener would cost the user the event).
    const pickAt = (p: { x: number; y: number }, radius = 4): PickingInfo | null => {
      try {
        return overlay.pickObject({ x: p.x, y: p.y, radius });
      } catch {
        return null;
      }
    };
    overlayRef.current = overlay;
    map.on('load', () => {
      hook.mapLoaded = true;
    });
    map.on('idle', () => {
      hook.mapIdleCount++;
      if (hook.firstFullRenderMs === null && hook.camerasInTiles > 0) hook.firstFullRenderMs = performance.now() - started;
    });
    // Editors (planning) take over the pointer when they grab one of their handles; MapLibre
    // skips drag-panning when mousedown's default is prevented.
    map.on('mousedown', (e) => {
      const handler = propsRef.current.onPointerDown;
      if (handler === undefined) return;
      const pick = pickAt(e.point, 6);
      if (handler([e.lngLat.lng, e.lngLat.lat], e.point, pick)) {
        e.preventDefault();
        dragging.current = true;
      }
    });
    // Clicks are MapLibre's, which always fire, picked against what deck.gl draws at that moment.
    // deck.gl's own onClick (through MapboxOverlay) dropped every click until deck had started
    // and whenever its last pointer-down pick was stale: the first click of a fresh session was
    // often lost (issue 14). A click deck cannot pick yet is still a click on the map.
    map.on('click', (e) => {
      if (dragging.current) return;
      const lngLat: [number, number] = [e.lngLat.lng, e.lngLat.lat];
      const pick = pickAt(e.point);
      const obj = pick?.object as { properties?: { device_id?: string; cluster?: boolean } } | undefined;
      hook.mapClicks.push({ picked: pick?.layer?.id ?? null, deviceId: obj?.properties?.device_id ?? null });
      if (obj?.properties?.device_id !== undefined) propsRef.current.onClick?.({ lngLat, deviceId: obj.properties.device_id });
      else if (obj?.properties?.cluster === true) {
        const at = (pick?.coordinate as [number, number] | undefined) ?? lngLat;
        map.easeTo({ center: at, zoom: Math.max(map.getZoom() + 2, 14) });
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
    hook.pickCameras = () => {
      const canvas = map.getCanvas();
      const infos = overlay.pickObjects({ x: 0, y: 0, width: canvas.clientWidth, height: canvas.clientHeight });
      const seen = new Map<string, { deviceId: string; x: number; y: number }>();
      for (const info of infos) {
        const f = info.object as { properties?: { device_id?: string }; geometry?: { coordinates?: number[] } } | undefined;
        const id = f?.properties?.device_id;
        const c = f?.geometry?.coordinates;
        if (id === undefined || c === undefined || seen.has(id)) continue;
        const p = map.project([c[0]!, c[1]!]);
        seen.set(id, { deviceId: id, x: p.x, y: p.y });
      }
      return [...seen.values()];
    };
    hook.pickClusters = () => {
      const canvas = map.getCanvas();
      const infos = overlay.pickObjects({ x: 0, y: 0, width: canvas.clientWidth, height: canvas.clientHeight });
      const out: Array<{ count: number; lngLat: [number, number] }> = [];
      for (const info of infos) {
        const f = info.object as { properties?: { cluster?: boolean; count?: number }; geometry?: { coordinates?: number[] } } | undefined;
        if (f?.properties?.cluster !== true || f.geometry?.coordinates === undefined) continue;
        out.push({ count: f.properties.count ?? 0, lngLat: [f.geometry.coordinates[0]!, f.geometry.coordinates[1]!] });
      }
      return out;
    };
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
    propsRef.current.onMap?.(map);
    return () => {
      propsRef.current.onMap?.(null);
      map.remove();
      mapRef.current = null;
      overlayRef.current = null;
    };
  }, []);

  useEffect(() => {
    mapRef.current?.setStyle(styleUrl(props.theme, props.lang));
  }, [props.theme, props.lang]);

  useEffect(() => {
    const hook = testHook();
    const layers = [
      new CoverageLayer({
        id: 'coverage',
        ...props.coverage,
        onCamerasLoaded: (n) => {
          hook.camerasInTiles = n;
        },
      }),
      ...(props.extraLayers ?? []),
    ];
    overlayRef.current?.setProps({ layers });
    // For the performance measurement: which coverage layers cost how much of a frame.
    hook.setCoverageLayers = (show) =>
      overlayRef.current?.setProps({
        layers: [new CoverageLayer({ ...(layers[0] as CoverageLayer).props, ...show }), ...layers.slice(1)],
      });
  }, [props.coverage, props.extraLayers]);

  return <div ref={container} className="map" role="application" aria-label={t('app.map')} data-testid="map" />;
}
