-- Targets with blind spots inside a planar box: their reasons may name a camera that changed
-- even where its footprint does not reach (its near blind zone, or too little detail).
SELECT DISTINCT target_id::int AS id FROM coverage_blind_spots
WHERE geom_m && ST_MakeEnvelope($1, $2, $3, $4, xl_metric_srid())
