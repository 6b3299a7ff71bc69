-- Each staged piece is stored for each of its modes; a piece that is a whole part takes the
-- part's geometry (looked up once: OFFSET 0 keeps the lateral from being inlined per mode).
INSERT INTO coverage_blind_spots (mode, target_id, class, admin_area_id, reason, measure, priority, geom_m)
SELECT m, s.target_id, s.class, s.admin_area_id, s.reason, s.measure, s.priority, g.geom_m
FROM bs_stage s
CROSS JOIN LATERAL (
  SELECT coalesce(s.geom_m, (SELECT p.geom_m FROM coverage_target_parts p WHERE p.id = s.part_id)) AS geom_m
  OFFSET 0
) g
CROSS JOIN unnest(string_to_array(s.modes, ',')) m
