-- Targets with a part within $3 metres (a box) of the point ($1, $2) in xl_metric_srid(): all a
-- camera there can change.
SELECT DISTINCT p.target_id::int AS id
FROM coverage_target_parts p
WHERE p.geom_m && ST_MakeEnvelope($1::float8 - $3::float8, $2::float8 - $3::float8, $1::float8 + $3::float8, $2::float8 + $3::float8,
                                  (SELECT xl_metric_srid()))
