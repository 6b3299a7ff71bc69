DELETE FROM siting_candidates WHERE site_key = $1 RETURNING id
