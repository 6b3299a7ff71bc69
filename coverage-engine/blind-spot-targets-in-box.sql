-- Targets with blind spots within a distance of some points (planar metres in xl_metric_srid();
-- $1 x, $2 y, $3 distance, one entry per changed camera place): their reasons may name a camera
-- that changed even where its footprint does not reach (its near blind zone, or too little
-- detail). One GiST probe per place; a box around all places would grow with their spread.
SELECT DISTINCT b.target_id::int AS id
FROM unnest($1::float8[], $2::float8[], $3::float8[]) AS p (x, y, r)
JOIN coverage_blind_spots b ON b.geom_m && ST_MakeEnvelope(p.x - p.r, p.y - p.r, p.x + p.r, p.y + p.r, xl_metric_srid())
