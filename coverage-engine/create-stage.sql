-- Footprints of a chunk of cameras from the TypeScript sweep, loaded with binary COPY
-- (footprint-rows.ts): shape and shadows are WKB in planar metres of xl_metric_srid().
CREATE TEMP TABLE IF NOT EXISTS fp_stage (camera_id bigint, level text, ppm real, near_m real, range_m real, assumed boolean, shape bytea, shadows bytea)
  WITH (toast_tuple_target = 8160)
