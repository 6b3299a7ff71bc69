-- Coverage lost with each down camera, from the stored "now" state: the blind-spot pieces of mode
-- 'now' with reason 'camera_down' (design coverage sees them, working cameras do not) that lie in
-- a target part whose design coverage counts this camera (camera id in the part's design
-- coverage_results.camera_ids) and touch that part. A piece several down cameras cover counts
-- for each of them. $1 = camera ids (bigint[]). "Touch" is ST_DWithin(…, 0): computed without GEOS,
-- so a blind-spot piece with a self-touching ring (which makes ST_Intersects throw a
-- TopologyException and failed the whole alarm list) still counts.
-- Returns one row per camera and class: distinct targets, and the pieces' measure
-- (m for roads, m² otherwise; intersections are counted, their measure is ignored).
-- From the camera to its design parts (GIN index on camera_ids) to their targets' pieces, rather
-- than testing every camera_down piece against every camera.
WITH hit AS (
  SELECT DISTINCT cam.id AS camera_id, b.id AS piece_id, b.class, b.target_id, b.measure
  FROM unnest($1::bigint[]) AS cam (id)
  JOIN coverage_results r ON r.mode = 'design' AND r.camera_ids @> ARRAY[cam.id]
  JOIN coverage_target_parts p ON p.id = r.part_id
  JOIN coverage_blind_spots b ON b.target_id = p.target_id AND b.mode = 'now' AND b.reason = 'camera_down'
  WHERE ST_DWithin(p.geom_m, b.geom_m, 0)
)
SELECT camera_id::bigint AS "cameraId", class, count(DISTINCT target_id)::int AS targets, coalesce(sum(measure), 0)::float8 AS measure
FROM hit
GROUP BY camera_id, class
