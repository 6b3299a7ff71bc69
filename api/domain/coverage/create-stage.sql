-- Footprints of a chunk of cameras from the TypeScript sweep; shape and shadows are hex WKB
-- (footprint-copy-text.ts, format 'wkb') or WKT, in planar metres of xl_metric_srid().
CREATE TEMP TABLE IF NOT EXISTS fp_stage (camera_id bigint, level text, ppm real, near_m real, range_m real, assumed boolean, shape text, shadows text)
  WITH (toast_tuple_target = 8160)
