// Planar metres for the planner's preview: the shared projection of gis-data/coverage (the UTM
// zone the server uses, settings.metric_srid, EPSG 326xx/327xx), so the browser's footprints,
// lengths and areas agree with the server's. Only the fallback zone (no metric_srid yet) and the
// map-side names are added here.
import { utmProjector as sharedUtm, utmSrid } from '../../../gis-data/coverage/projection';

export interface Projector {
  toXY(lngLat: [number, number]): [number, number];
  toLngLat(xy: [number, number]): [number, number];
}

export function utmProjector(metricSrid: number | undefined, fallbackLngLat: [number, number]): Projector {
  const valid = metricSrid !== undefined && ((metricSrid > 32600 && metricSrid <= 32660) || (metricSrid > 32700 && metricSrid <= 32760));
  const p = sharedUtm(valid ? metricSrid : utmSrid(fallbackLngLat[0], fallbackLngLat[1]));
  return { toXY: p.toMetric, toLngLat: p.toLonLat };
}
