-- Blind spots of the targets $1 for each mode in $2 (the full recompute runs this in batches
-- over several sessions; the modes' rows must be deleted before). $3 covered share for
-- intersections, $4 min gap m, $5 min sliver m². Both modes read only coverage_results.
SELECT xl_insert_blind_spots(m, $1::bigint[], $3, $4, $5) FROM unnest($2::text[]) m
