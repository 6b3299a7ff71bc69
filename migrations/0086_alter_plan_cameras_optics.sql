-- A plan camera carries every parameter the coverage engine reads (issue 14): a suggested or
-- hand-placed camera is evaluated by the engine exactly as it would be once built, so the
-- vertical field of view and PTZ presets are kept too (NULL / [] = the engine's defaults:
-- VFOV from the HFOV and the pixel aspect; a PTZ without presets sees all round).
ALTER TABLE plan_cameras
  ADD COLUMN vfov_deg real CHECK (vfov_deg > 0 AND vfov_deg <= 180),
  ADD COLUMN ptz_presets jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(ptz_presets) = 'array');
