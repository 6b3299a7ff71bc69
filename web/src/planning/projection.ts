// Planar metres for the planner's preview: the same UTM zone the server uses
// (settings.metric_srid, EPSG 326xx/327xx), through proj4, so the browser's footprints and
// areas agree with the server's.
import proj4 from 'proj4';

export interface Projector {
  toXY(lngLat: [number, number]): [number, number];
  toLngLat(xy: [number, number]): [number, number];
}

export function utmProjector(metricSrid: number | undefined, fallbackLngLat: [number, number]): Projector {
  let zone: number;
  let south: boolean;
  if (metricSrid !== undefined && metricSrid > 32600 && metricSrid <= 32760) {
    south = metricSrid > 32700;
    zone = metricSrid - (south ? 32700 : 32600);
  } else {
    zone = Math.min(60, Math.max(1, Math.floor((fallbackLngLat[0] + 180) / 6) + 1));
    south = fallbackLngLat[1] < 0;
  }
  const def = `+proj=utm +zone=${zone}${south ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`;
  const conv = proj4('EPSG:4326', def);
  return {
    toXY: (ll) => conv.forward(ll) as [number, number],
    toLngLat: (xy) => conv.inverse(xy) as [number, number],
  };
}
