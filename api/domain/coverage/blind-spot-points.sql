-- Sample points per blind spot with the target's required level, for giving each piece its
-- reason: three points along a gap (a long gap can have several causes; the most actionable
-- wins), a point inside a polygon. $1 modes, $2 target ids or NULL, $3/$4 an id range [$3, $4)
-- or NULL (the full recompute works in ranges). "IS TRUE" keeps the mode test off the rank
-- index: an id range is one primary-key range scan, and ANDing it with every row of a mode
-- from the rank index took longer than the rest of the query.
SELECT b.id::int AS id, b.mode, ST_X(pt.g) AS x, ST_Y(pt.g) AS y, lv.level
FROM coverage_blind_spots b
CROSS JOIN LATERAL (SELECT p.required_level AS level FROM coverage_target_parts p WHERE p.target_id = b.target_id LIMIT 1) lv
CROSS JOIN LATERAL (
  SELECT ST_LineInterpolatePoint(ST_GeometryN(b.geom_m, 1), f) AS g
  FROM unnest(ARRAY[0.15, 0.5, 0.85]) f WHERE ST_Dimension(b.geom_m) = 1
  UNION ALL
  SELECT ST_PointOnSurface(b.geom_m) WHERE ST_Dimension(b.geom_m) = 2
) pt
WHERE (b.mode = ANY ($1::text[])) IS TRUE AND b.reason <> 'camera_down' AND ($2::bigint[] IS NULL OR b.target_id = ANY ($2))
  AND ($3::bigint IS NULL OR b.id >= $3) AND ($4::bigint IS NULL OR b.id < $4)
