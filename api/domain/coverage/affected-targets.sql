SELECT DISTINCT target_id::int AS id FROM coverage_target_parts WHERE id = ANY ($1::bigint[])
