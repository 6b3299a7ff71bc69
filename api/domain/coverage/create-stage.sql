CREATE TEMP TABLE IF NOT EXISTS fp_stage (camera_id bigint, level text, ppm real, near_m real, range_m real, assumed boolean, wkt text, shadows text)
