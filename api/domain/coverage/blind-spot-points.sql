-- A representative point per blind spot (middle of a gap, a point inside a polygon) with the
-- target's required level, for giving each piece its reason. $1 modes, $2 target ids or NULL.
SELECT b.id::int AS id, b.mode, ST_X(pt.g) AS x, ST_Y(pt.g) AS y,
       (SELECT p.required_level FROM coverage_target_parts p WHERE p.target_id = b.target_id LIMIT 1) AS level
FROM coverage_blind_spots b
CROSS JOIN LATERAL (
  SELECT CASE WHEN ST_Dimension(b.geom_m) = 1 THEN ST_LineInterpolatePoint(ST_GeometryN(b.geom_m, 1), 0.5)
              ELSE ST_PointOnSurface(b.geom_m) END AS g
) pt
WHERE b.mode = ANY ($1::text[]) AND ($2::bigint[] IS NULL OR b.target_id = ANY ($2))
