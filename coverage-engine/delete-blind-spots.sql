DELETE FROM coverage_blind_spots WHERE mode = $1 AND ($2::bigint[] IS NULL OR target_id = ANY ($2))
