import { defineCommand, numberFlag, stringFlag } from '../command';
import { info, printJson } from '../output';
import { UserFacingError } from '../../db/errors';
import { horizontalFovDeg, levelDistances, parseStandard, STANDARD_LEVELS, validateOptics, type DetailLevel } from '../../gis-data/optics';

export default defineCommand({
  name: 'optics',
  summary: 'distance per detail level for a camera (IEC 62676-4 2015 DORI or 2025), no database',
  help: `Usage: xueliang optics --resolution PX (--hfov DEG | --sensor-width MM --focal-length MM)
                       [--standard 2015|2025] [--levels name=ppm,...] [--json]

Prints, for each detail level, the pixel density and the distance at which the camera still
reaches it: d = Nh / (2 · PPM · tan(HFOV/2)), with HFOV = 2 · atan(w / 2f) from a lens.
  --resolution     horizontal resolution in pixels (e.g. 1920)
  --hfov           horizontal field of view in degrees
  --sensor-width   sensor width in mm, with --focal-length in mm (instead of --hfov)
  --standard       2015 (DORI: monitor…inspect) or 2025 (overview…scrutinise); default 2025
  --levels         custom thresholds instead, e.g. "face=300,plate=200"`,
  options: {
    resolution: { type: 'string' },
    hfov: { type: 'string' },
    'sensor-width': { type: 'string' },
    'focal-length': { type: 'string' },
    standard: { type: 'string' },
    levels: { type: 'string' },
  },
  async run(ctx) {
    const resolutionH = numberFlag(ctx, 'resolution');
    if (resolutionH === undefined) throw new UserFacingError('--resolution is required (horizontal pixels, e.g. 1920).', 2);
    const hfovGiven = numberFlag(ctx, 'hfov');
    const sensorWidthMm = numberFlag(ctx, 'sensor-width');
    const focalLengthMm = numberFlag(ctx, 'focal-length');
    if (hfovGiven === undefined && (sensorWidthMm === undefined || focalLengthMm === undefined))
      throw new UserFacingError('Give --hfov, or both --sensor-width and --focal-length.', 2);
    const problems = validateOptics({ resolutionH, hfovDeg: hfovGiven, sensorWidthMm, focalLengthMm });
    const flagOf: Record<string, string> = {
      resolution_h: 'resolution',
      hfov_deg: 'hfov',
      sensor_width_mm: 'sensor-width',
      focal_length_mm: 'focal-length',
    };
    if (problems.length > 0)
      throw new UserFacingError(`Impossible optics: ${problems.map((p) => `--${flagOf[p.field] ?? p.field}: ${p.message}`).join('; ')}`);
    const hfovDeg = horizontalFovDeg({ hfovDeg: hfovGiven, sensorWidthMm, focalLengthMm })!;
    if (hfovDeg >= 180)
      throw new UserFacingError(
        `A horizontal field of view of ${hfovDeg}° is not a rectilinear lens; the distance formula needs HFOV < 180°.`,
      );
    const standardRaw = stringFlag(ctx, 'standard') ?? '2025';
    const customRaw = stringFlag(ctx, 'levels');
    let levels: DetailLevel[];
    let standard: string;
    if (customRaw !== undefined) {
      standard = 'custom';
      levels = customRaw.split(',').map((part) => {
        const [name, ppmText] = part.split('=');
        const ppm = Number(ppmText);
        if (name === undefined || name.trim() === '' || !(ppm > 0))
          throw new UserFacingError(`--levels: "${part}" is not name=ppm with a positive ppm.`, 2);
        return { name: name.trim(), ppm, standard: 'custom' as const };
      });
    } else {
      const id = parseStandard(standardRaw);
      if (id === undefined) throw new UserFacingError(`--standard "${standardRaw}" is unknown: use 2015 (DORI) or 2025.`, 2);
      standard = id;
      levels = STANDARD_LEVELS[id];
    }
    const rows = levelDistances(resolutionH, hfovDeg, levels).map((l) => ({ ...l, distanceM: Math.round(l.distanceM * 100) / 100 }));
    const result = {
      resolutionH,
      hfovDeg: Math.round(hfovDeg * 1000) / 1000,
      hfovSource: hfovGiven === undefined ? 'lens' : 'given',
      standard,
      levels: rows,
    };
    if (ctx.json) printJson(result);
    else {
      info(`${resolutionH} px at ${result.hfovDeg}° (${standard}):`);
      for (const r of rows) info(`  ${r.level.padEnd(13)} ${String(r.ppm).padStart(7)} px/m  ${r.distanceM.toFixed(1).padStart(7)} m`);
    }
  },
});
