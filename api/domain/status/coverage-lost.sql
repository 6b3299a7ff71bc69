-- Coverage lost with each down camera, from the stored "now" state: the blind-spot pieces of mode
-- 'now' with reason 'camera_down' (design coverage sees them, working cameras do not) that lie in
-- a target part whose design coverage counts this camera (camera id in the part's design
-- coverage_results.camera_ids) and touch that part. A piece several down cameras cover counts
-- for each of them. $1 = camera ids (bigint[]).
-- Returns one row per camera and class: distinct targets, and the pieces' measure
-- (m for roads, m² otherwise; intersections are counted, their measure is ignored).
SELECT cam.id::bigint AS "cameraId", b.class, count(DISTINCT b.target_id)::int AS targets, coalesce(sum(b.measure), 0)::float8 AS measure
FROM unnest($1::bigint[]) AS cam (id)
JOIN coverage_blind_spots b ON b.mode = 'now' AND b.reason = 'camera_down'
WHERE EXISTS (
  SELECT 1 FROM coverage_target_parts p
  JOIN coverage_results r ON r.part_id = p.id AND r.mode = 'design'
  WHERE p.target_id = b.target_id AND cam.id = ANY (r.camera_ids) AND ST_Intersects(p.geom_m, b.geom_m)
)
GROUP BY cam.id, b.class
