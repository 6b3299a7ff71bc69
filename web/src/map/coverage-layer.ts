// The coverage map as one deck.gl CompositeLayer: footprints, target layers, blind spots and
// camera positions, each an MVTLayer fed by the API's vector tiles for the viewport and zoom
// (never one city-sized GeoJSON). Camera icons are coloured AND shaped by state; below
// CLUSTER_BELOW_ZOOM they are binned per tile into counted clusters. Live status changes
// arrive as `statusOverrides` (device id → state) and `statusVersion` drives updateTriggers,
// so a camera going down recolours without refetching tiles.
import { CompositeLayer, type Layer, type LayersList, type UpdateParameters } from '@deck.gl/core';
import { MVTLayer } from '@deck.gl/geo-layers';
import { MVTLoader } from '@loaders.gl/mvt';
import { GeoJsonLayer, IconLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';
import { stateIconAtlas } from './icon-atlas';
import {
  GROUP_SEVERITY_ORDER,
  reasonColour,
  STATE_COLOURS,
  STATE_GROUPS,
  stateGroup,
  TARGET_COLOURS,
  type Rgba,
  type StateGroup,
} from './state-style';
import { testHook } from './test-hook';
import { gridCluster, type Cluster } from './tile-features';
import { tileUrl } from './tile-url';

export const CLUSTER_BELOW_ZOOM = 14;
// Coverage tiles are fetched up to z14 and overzoomed beyond (a z14 tile's 4096 grid is about
// half a metre): at z15 that is 4× fewer tiles, requests and deck.gl sub-layers to draw than
// z15 tiles, 16× at z16, and zooming between 14 and 17 reuses the tiles already loaded.
const TILE_MAX_ZOOM = 14;
const CLUSTER_CELLS_PER_TILE = 6;

export interface CameraProps {
  device_id: string;
  type?: string;
  state?: string;
  azimuth_deg?: number;
  hfov_deg?: number;
}

export interface CoverageLayerProps {
  asOf: string | null;
  now: boolean;
  level: string | null;
  showFootprints: boolean;
  showTargets: boolean;
  showBlindSpots: boolean;
  showCameras: boolean;
  statusOverrides: ReadonlyMap<string, string>;
  statusVersion: number;
  /** Called with the cameras in the loaded viewport tiles (the browser tests read it). */
  onCamerasLoaded?: (count: number) => void;
  /** Called with every loaded blind-spot tile's features (local coordinates) and the tile box. */
  onBlindSpotTile?: (
    tileKey: string,
    features: Array<Feature<Geometry, Record<string, unknown>>>,
    box: { west: number; north: number; east: number; south: number },
  ) => void;
}

const LEVEL_COLOURS: Rgba[] = [
  [0, 114, 178, 70],
  [0, 158, 115, 70],
  [230, 159, 0, 70],
  [204, 121, 167, 70],
  [86, 180, 233, 70],
];

// Rank of the state groups for a cluster's colour (the health vocabulary's): the worst member wins.
const SEVERITY = GROUP_SEVERITY_ORDER;

type CamFeature = Feature<Geometry, CameraProps>;
type ClusterFeature = Feature<{ type: 'Point'; coordinates: number[] }, { cluster: true; count: number; worst: StateGroup }>;

export class CoverageLayer extends CompositeLayer<CoverageLayerProps> {
  static override layerName = 'CoverageLayer';
  static override defaultProps = {
    asOf: null,
    now: false,
    level: null,
    showFootprints: true,
    showTargets: true,
    showBlindSpots: true,
    showCameras: true,
    statusOverrides: new Map(),
    statusVersion: 0,
  };

  private stateOf(f: CamFeature): StateGroup {
    return stateGroup(this.props.statusOverrides.get(f.properties.device_id) ?? f.properties.state);
  }

  override updateState(params: UpdateParameters<this>): void {
    super.updateState(params);
  }

  private worstState(c: Cluster<CameraProps>): StateGroup {
    let best = SEVERITY.length - 1;
    for (const m of c.members) best = Math.min(best, SEVERITY.indexOf(this.stateOf(m)));
    return SEVERITY[best]!;
  }

  private renderCameraTile(props: Record<string, unknown> & { data: CamFeature[]; id: string }): Layer | Layer[] {
    const zoom = this.context.viewport.zoom;
    const features = props.data ?? [];
    const atlas = stateIconAtlas();
    if (zoom < CLUSTER_BELOW_ZOOM) {
      // Clusters are shaped as GeoJSON features so the MVT layer's picking (which converts
      // feature coordinates to WGS-84) treats them like any other feature.
      const clusters: ClusterFeature[] = gridCluster(features, CLUSTER_CELLS_PER_TILE).map((c) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: c.position },
        properties: { cluster: true, count: c.count, worst: this.worstState(c) },
      }));
      const at = (c: ClusterFeature) => c.geometry.coordinates as [number, number];
      return [
        new ScatterplotLayer<ClusterFeature>({
          ...props,
          id: `${props.id}-clusters`,
          data: clusters,
          getPosition: at,
          getRadius: (c) => 8 + Math.min(18, Math.sqrt(c.properties.count) * 1.6),
          radiusUnits: 'pixels',
          getFillColor: [30, 40, 60, 220],
          getLineColor: (c) => STATE_COLOURS[c.properties.worst],
          lineWidthUnits: 'pixels',
          getLineWidth: 3,
          stroked: true,
          pickable: true,
        }),
        new TextLayer<ClusterFeature>({
          ...props,
          id: `${props.id}-cluster-count`,
          data: clusters,
          getPosition: at,
          getText: (c) => String(c.properties.count),
          getSize: 12,
          getColor: [255, 255, 255, 255],
          fontWeight: 700,
          characterSet: '0123456789',
          pickable: false,
        }),
      ];
    }
    return new IconLayer<CamFeature>({
      ...props,
      id: `${props.id}-icons`,
      data: features,
      iconAtlas: atlas.canvas as unknown as string,
      iconMapping: atlas.mapping,
      getIcon: (f) => this.stateOf(f),
      getPosition: (f) => (f.geometry as { coordinates: number[] }).coordinates as [number, number],
      getSize: 22,
      sizeUnits: 'pixels',
      pickable: true,
      updateTriggers: { getIcon: this.props.statusVersion },
    });
  }

  override renderLayers(): LayersList {
    const { asOf, now, level } = this.props;
    // The main-thread MVT parser: deck.gl's default loader runs in a worker fetched from a CDN,
    // which an isolated network cannot reach.
    const common = { loaders: [MVTLoader as never], loadOptions: { worker: false }, binary: false, pickable: true };
    const layers: LayersList = [];
    if (this.props.showFootprints) {
      layers.push(
        new MVTLayer({
          ...common,
          id: 'footprints',
          data: tileUrl('footprints', { asOf, level }),
          minZoom: 13,
          maxZoom: TILE_MAX_ZOOM,
          pickable: false,
          // Drawn only: binary attributes straight from the MVT parser, no GeoJSON objects.
          binary: true,
          renderSubLayers: (props) =>
            new GeoJsonLayer({
              ...props,
              data: props.data as Feature[],
              getFillColor: (f: Feature) => LEVEL_COLOURS[Math.abs(hash(String(f.properties?.level ?? ''))) % LEVEL_COLOURS.length]!,
              // No outlines: footprints are thousands of short occlusion-cut edges, and their
              // outline PathLayer was most of a z15 frame under software GL (measured with
              // tests/browser/support/measure-web.ts: ~1.8 s per frame with it, ~0.35 s without).
              stroked: false,
            }),
        }),
      );
    }
    if (this.props.showTargets) {
      layers.push(
        new MVTLayer({
          ...common,
          id: 'targets',
          data: tileUrl('targets', { level }),
          minZoom: 11,
          maxZoom: TILE_MAX_ZOOM,
          pickable: false,
          binary: true,
          renderSubLayers: (props) =>
            new GeoJsonLayer({
              ...props,
              data: props.data as Feature[],
              getFillColor: (f: Feature) => TARGET_COLOURS[String(f.properties?.class)] ?? [200, 200, 200, 100],
              getLineColor: (f: Feature) => TARGET_COLOURS[String(f.properties?.class)] ?? [200, 200, 200, 160],
              lineWidthUnits: 'pixels',
              getLineWidth: 2,
              pointRadiusUnits: 'pixels',
              getPointRadius: 4,
              filled: true,
              stroked: true,
            }),
        }),
      );
    }
    if (this.props.showBlindSpots) {
      const onBlindSpotTile = this.props.onBlindSpotTile;
      layers.push(
        new MVTLayer({
          ...common,
          id: 'blind-spots',
          data: tileUrl('blind-spots', { asOf, now, level }),
          onTileLoad: (tile) => {
            if (onBlindSpotTile && Array.isArray(tile.content))
              onBlindSpotTile(tile.id, tile.content as Array<Feature<Geometry, Record<string, unknown>>>, tile.bbox as never);
          },
          onViewportLoad: () => {
            testHook().viewportLoadedFor['blind-spots'] = asOf ?? 'today';
          },
          minZoom: 10,
          maxZoom: TILE_MAX_ZOOM,
          renderSubLayers: (props) =>
            new GeoJsonLayer({
              ...props,
              data: props.data as Feature[],
              getFillColor: (f: Feature) => withAlpha(reasonColour(f.properties?.reason as string), 150),
              getLineColor: (f: Feature) => reasonColour(f.properties?.reason as string),
              lineWidthUnits: 'pixels',
              getLineWidth: 4,
              pointRadiusUnits: 'pixels',
              getPointRadius: 7,
              filled: true,
              stroked: true,
            }),
        }),
      );
    }
    if (this.props.showCameras) {
      const onCamerasLoaded = this.props.onCamerasLoaded;
      layers.push(
        new MVTLayer({
          ...common,
          id: 'cameras',
          data: tileUrl('cameras', { asOf }),
          minZoom: 8,
          maxZoom: TILE_MAX_ZOOM,
          updateTriggers: { renderSubLayers: [this.props.statusVersion] },
          onViewportLoad: (tiles) => {
            testHook().viewportLoadedFor.cameras = asOf ?? 'today';
            if (onCamerasLoaded === undefined) return;
            let n = 0;
            for (const t of tiles) if (Array.isArray(t.content)) n += t.content.length;
            onCamerasLoaded(n);
          },
          renderSubLayers: (props) => this.renderCameraTile(props as never),
        }),
      );
    }
    return layers;
  }
}

function withAlpha(c: Rgba, a: number): Rgba {
  return [c[0], c[1], c[2], a];
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}

export { STATE_GROUPS };
