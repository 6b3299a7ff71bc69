// Impossible optics are reported, never silently clamped: a field of view of 0 makes an invalid
// polygon that breaks a whole-city union (coverage-performance-notes.md).
export interface OpticsProblem {
  field: string;
  message: string;
}

export interface OpticsToCheck {
  type?: string;
  heightM?: number;
  tiltDeg?: number;
  hfovDeg?: number;
  vfovDeg?: number;
  resolutionH?: number;
  sensorWidthMm?: number;
  focalLengthMm?: number;
}

export function validateOptics(o: OpticsToCheck): OpticsProblem[] {
  const problems: OpticsProblem[] = [];
  const wide = o.type === 'ptz' || o.type === 'fisheye';
  if (o.heightM !== undefined && !(o.heightM >= 0))
    problems.push({ field: 'height_m', message: `mounting height ${o.heightM} m is negative` });
  if (o.tiltDeg !== undefined && !(o.tiltDeg >= -90 && o.tiltDeg <= 90))
    problems.push({ field: 'tilt_deg', message: `tilt ${o.tiltDeg}° is beyond ±90°` });
  if (o.hfovDeg !== undefined) {
    if (!(o.hfovDeg > 0)) problems.push({ field: 'hfov_deg', message: `horizontal field of view ${o.hfovDeg}° must be above 0°` });
    else if (!wide && o.hfovDeg >= 360)
      problems.push({
        field: 'hfov_deg',
        message: `horizontal field of view ${o.hfovDeg}° must be below 360° for a ${o.type ?? 'fixed'} camera`,
      });
    else if (o.hfovDeg > 360) problems.push({ field: 'hfov_deg', message: `horizontal field of view ${o.hfovDeg}° exceeds 360°` });
  }
  if (o.vfovDeg !== undefined && !(o.vfovDeg > 0 && o.vfovDeg <= 180))
    problems.push({ field: 'vfov_deg', message: `vertical field of view ${o.vfovDeg}° must be in (0°, 180°]` });
  if (o.resolutionH !== undefined && !(o.resolutionH > 0 && Number.isInteger(o.resolutionH)))
    problems.push({ field: 'resolution_h', message: `horizontal resolution ${o.resolutionH} px must be a positive integer` });
  if (o.sensorWidthMm !== undefined && !(o.sensorWidthMm > 0))
    problems.push({ field: 'sensor_width_mm', message: `sensor width ${o.sensorWidthMm} mm must be positive` });
  if (o.focalLengthMm !== undefined && !(o.focalLengthMm > 0))
    problems.push({ field: 'focal_length_mm', message: `focal length ${o.focalLengthMm} mm must be positive` });
  return problems;
}
