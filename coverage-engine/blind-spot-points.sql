-- Sample points per blind spot (xl_blind_spot_samples, migration 0018) with the target's required
-- level, for giving each piece its reason (the most actionable of its samples wins). $1 modes,
-- $2 target ids or NULL, $3/$4 an id range [$3, $4) or NULL (the full recompute works in ranges). "IS TRUE" keeps the mode test off the rank
-- index: an id range is one primary-key range scan, and ANDing it with every row of a mode
-- from the rank index took longer than the rest of the query.
SELECT b.id::int AS id, b.mode, ST_X(pt.g) AS x, ST_Y(pt.g) AS y, lv.level
FROM coverage_blind_spots b
CROSS JOIN LATERAL (SELECT p.required_level AS level FROM coverage_target_parts p WHERE p.target_id = b.target_id LIMIT 1) lv
CROSS JOIN LATERAL xl_blind_spot_samples(b.geom_m) AS pt (g)
WHERE (b.mode = ANY ($1::text[])) IS TRUE AND b.reason <> 'camera_down' AND ($2::bigint[] IS NULL OR b.target_id = ANY ($2))
  AND ($3::bigint IS NULL OR b.id >= $3) AND ($4::bigint IS NULL OR b.id < $4)
