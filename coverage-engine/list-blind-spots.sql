-- Ranked blind spots: the most important first (priority × size; m of road weigh like m² / 10
-- so a 50 m road gap ranks with a 500 m² hole). $1 mode, $2 class or NULL, $3 area code or NULL
-- (the area and everything under it), $4 limit, $5 offset. Pieces are stored in planar metres;
-- only the page returned is projected to EPSG:4326.
WITH RECURSIVE sub (id) AS (
  SELECT id FROM admin_areas WHERE code = $3
  UNION ALL
  SELECT a.id FROM admin_areas a JOIN sub ON a.parent_id = sub.id
),
ranked AS (
  SELECT b.id, b.target_id, b.class, b.reason, b.measure, b.priority, b.admin_area_id, b.geom_m,
         b.priority * CASE WHEN ST_Dimension(b.geom_m) = 1 THEN b.measure * 10 ELSE b.measure END AS score,
         count(*) OVER () AS total
  FROM coverage_blind_spots b
  WHERE b.mode = $1 AND ($2::text IS NULL OR b.class = $2)
    AND ($3::text IS NULL OR b.admin_area_id IN (SELECT id FROM sub))
  ORDER BY score DESC, b.id
  LIMIT $4 OFFSET $5
)
SELECT r.id::int AS id, r.target_id::int AS target_id, t.name AS target_name, r.class, r.reason, r.measure,
       r.priority, a.code AS area_code, a.name AS area_name,
       xl_export_geojson(r.geom_m) AS geometry,
       ST_X(ST_PointOnSurface(g.geom)) AS lon, ST_Y(ST_PointOnSurface(g.geom)) AS lat,
       r.total, r.score,
       -- What explains a piece (the reason's facts): the level it is judged at and its sample
       -- points in metric coordinates, as the reasons were judged.
       (SELECT p.required_level FROM coverage_target_parts p WHERE p.target_id = r.target_id LIMIT 1) AS level,
       (SELECT array_agg(ARRAY[ST_X(s), ST_Y(s)]) FROM xl_blind_spot_samples(r.geom_m) AS s) AS samples
FROM ranked r
CROSS JOIN LATERAL (SELECT ST_Transform(r.geom_m, 4326) AS geom OFFSET 0) g
JOIN targets t ON t.id = r.target_id
LEFT JOIN admin_areas a ON a.id = r.admin_area_id
ORDER BY r.score DESC, r.id
