// Helpers for features of an MVT tile parsed in local tile coordinates (0..1 across the tile, y
// down): back to longitude/latitude, and a tile's box.
export interface TileBox {
  west: number;
  north: number;
  east: number;
  south: number;
}

const mercY = (latDeg: number) => Math.log(Math.tan(Math.PI / 4 + (latDeg * Math.PI) / 360));

/** The longitude/latitude box of tile z/x/y. */
export function tileBox(x: number, y: number, z: number): TileBox {
  const lat = (ty: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / 2 ** z))) * 180) / Math.PI;
  return { west: (x / 2 ** z) * 360 - 180, east: ((x + 1) / 2 ** z) * 360 - 180, north: lat(y), south: lat(y + 1) };
}

export function localToLonLat(box: TileBox, x: number, y: number): [number, number] {
  const lon = box.west + x * (box.east - box.west);
  const my = mercY(box.north) + y * (mercY(box.south) - mercY(box.north));
  return [lon, ((2 * Math.atan(Math.exp(my)) - Math.PI / 2) * 180) / Math.PI];
}
