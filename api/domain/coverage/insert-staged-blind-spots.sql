-- Each staged piece's EPSG:4326 copy is made once (OFFSET 0 keeps the lateral from being
-- inlined per mode), then the piece is stored for each of its modes.
INSERT INTO coverage_blind_spots (mode, target_id, class, admin_area_id, reason, measure, priority, geom, geom_m)
SELECT m, s.target_id, s.class, s.admin_area_id, s.reason, s.measure, s.priority, g.geom, g.geom_m
FROM bs_stage s
CROSS JOIN LATERAL (
  SELECT ST_Transform(x.g, 4326) AS geom, x.g AS geom_m
  FROM (SELECT coalesce(s.geom_m, (SELECT p.geom_m FROM coverage_target_parts p WHERE p.id = s.part_id)) AS g) x
  OFFSET 0
) g
CROSS JOIN unnest(string_to_array(s.modes, ',')) m
