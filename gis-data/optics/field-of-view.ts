// Field of view from the lens: HFOV = 2·atan(w / 2f). A lens and a stated angle may both be
// given; the stated angle wins because it is what the datasheet measured (distortion included).
export interface LensInput {
  hfovDeg?: number;
  vfovDeg?: number;
  sensorWidthMm?: number;
  focalLengthMm?: number;
  resolutionH?: number;
  resolutionV?: number;
}

export function fovFromSensorDeg(sensorMm: number, focalLengthMm: number): number {
  return (2 * Math.atan(sensorMm / (2 * focalLengthMm)) * 180) / Math.PI;
}

/** Horizontal field of view in degrees, or undefined when neither an angle nor a lens is known. */
export function horizontalFovDeg(lens: LensInput): number | undefined {
  if (lens.hfovDeg !== undefined) return lens.hfovDeg;
  if (lens.sensorWidthMm !== undefined && lens.focalLengthMm !== undefined) return fovFromSensorDeg(lens.sensorWidthMm, lens.focalLengthMm);
  return undefined;
}

/**
 * Vertical field of view: stated, else from the horizontal one and the pixel aspect (square
 * pixels: tan(V/2) = tan(H/2)·Nv/Nh), else 16:9.
 */
export function verticalFovDeg(lens: LensInput): number | undefined {
  if (lens.vfovDeg !== undefined) return lens.vfovDeg;
  const h = horizontalFovDeg(lens);
  if (h === undefined) return undefined;
  if (h >= 180) return 90;
  const aspect = lens.resolutionH !== undefined && lens.resolutionV !== undefined ? lens.resolutionV / lens.resolutionH : 9 / 16;
  return (2 * Math.atan(Math.tan((h * Math.PI) / 360) * aspect) * 180) / Math.PI;
}
