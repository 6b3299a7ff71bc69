-- A representative point per blind spot (middle of a gap, a point inside a polygon) with the
-- target's required level, for giving each piece its reason.
SELECT b.id::int AS id, ST_X(pt.g) AS x, ST_Y(pt.g) AS y,
       (SELECT p.required_level FROM coverage_target_parts p WHERE p.target_id = b.target_id LIMIT 1) AS level
FROM coverage_blind_spots b
CROSS JOIN LATERAL (
  SELECT CASE WHEN ST_Dimension(b.geom_m) = 1 THEN ST_LineInterpolatePoint(ST_GeometryN(b.geom_m, 1), 0.5)
              ELSE ST_PointOnSurface(b.geom_m) END AS g
) pt
WHERE b.mode = $1 AND ($2::bigint[] IS NULL OR b.target_id = ANY ($2))
