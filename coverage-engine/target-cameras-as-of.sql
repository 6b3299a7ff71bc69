-- Per target: the footprints xl_part_coverage would consider for each of its parts on a date
-- (the same selection: the level, the occluded variant, in service on as_of and, for now,
-- working then; but only by bounding box, without its exact ST_Intersects, which cost as much
-- as the cut), as text: "part:camera,camera;part:…". A target whose text is the same on two
-- dates gets the same part results from xl_part_coverage (the same footprints tested and cut in
-- the same order), so the same pieces: pieces-as-of.ts cuts only the targets whose text it has
-- not met yet. A test holds the pieces made so to those cut afresh. pieces-as-of.ts makes the
-- same text in memory (targetCameras, from target-candidates.sql); this query is its definition,
-- which a test holds it to.
-- $1 as_of date or NULL (today), $2 area code or NULL, $3 only working cameras, $4 level or NULL.
WITH RECURSIVE sub (id) AS (
  SELECT id FROM admin_areas WHERE code = $2
  UNION ALL
  SELECT a.id FROM admin_areas a JOIN sub ON a.parent_id = sub.id
),
d AS MATERIALIZED (
  SELECT coalesce($1::date, xl_today()) AS as_of, coalesce($1::date, xl_today()) >= xl_today() AS today
),
w AS MATERIALIZED (
  SELECT w.camera_id FROM d, xl_cameras_working(d.as_of) w WHERE $3::boolean AND NOT d.today
)
SELECT p.target_id::int AS target_id, string_agg(p.id || ':' || coalesce(c.ids, ''), ';' ORDER BY p.id) AS cameras
FROM coverage_target_parts p
CROSS JOIN d
LEFT JOIN LATERAL (
  SELECT string_agg(f.camera_id::text, ',' ORDER BY f.camera_id) AS ids
  FROM camera_footprints f
  JOIN cameras c ON c.id = f.camera_id
  WHERE f.level = coalesce($4::text, p.required_level) AND f.occluded
    AND f.geom_m && p.geom_m
    AND (c.install_date IS NULL OR c.install_date <= d.as_of)
    AND (c.removal_date IS NULL OR c.removal_date > d.as_of)
    AND (NOT $3::boolean OR CASE WHEN d.today
                                 THEN EXISTS (SELECT 1 FROM camera_status s WHERE s.camera_id = f.camera_id AND s.working)
                                 ELSE f.camera_id IN (SELECT w.camera_id FROM w) END)
) c ON true
WHERE $2::text IS NULL OR p.admin_area_id IN (SELECT id FROM sub)
GROUP BY p.target_id
