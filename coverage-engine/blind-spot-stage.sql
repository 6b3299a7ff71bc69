-- Blind-spot pieces cut in TypeScript (roads, single-part targets), staged with binary COPY for
-- insert-staged-blind-spots.sql. A piece that is the same in several modes is staged once
-- (modes comma-separated); a piece that is a whole target part names the part instead of
-- carrying its geometry.
CREATE TEMP TABLE IF NOT EXISTS bs_stage (modes text, target_id bigint, class text, admin_area_id integer, reason text, measure double precision, priority real, part_id bigint, geom_m geometry)
  WITH (toast_tuple_target = 8160)
