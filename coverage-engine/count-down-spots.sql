SELECT count(*)::int AS n FROM coverage_blind_spots WHERE mode = 'now' AND reason = 'camera_down' AND ($1::bigint[] IS NULL OR target_id = ANY ($1))
