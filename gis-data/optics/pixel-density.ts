// Pixel density across the image width at ground distance d: PPM(d) = Nh / (2·d·tan(HFOV/2)).
// For wide lenses (HFOV ≥ 180°, fisheye) the tangent breaks down; an equidistant fisheye spreads
// Nh pixels over HFOV radians, so the density is Nh / (HFOV_rad · d).
export function pixelsPerMeterAt(resolutionH: number, hfovDeg: number, distanceM: number): number {
  if (distanceM <= 0) return Number.POSITIVE_INFINITY;
  return resolutionH / (widthFactor(hfovDeg) * distanceM);
}

/** Ground distance at which the density falls to `ppm`. */
export function distanceForPpmM(resolutionH: number, hfovDeg: number, ppm: number): number {
  return resolutionH / (widthFactor(hfovDeg) * ppm);
}

/** Scene width seen per metre of distance. */
function widthFactor(hfovDeg: number): number {
  if (hfovDeg < 170) return 2 * Math.tan((hfovDeg * Math.PI) / 360);
  return (hfovDeg * Math.PI) / 180;
}
