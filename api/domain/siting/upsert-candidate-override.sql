-- Pins or excludes a generated site by its key (kind parsed from the key).
INSERT INTO siting_candidates (site_key, kind, pinned, excluded, note)
VALUES ($1, split_part($1, ':', 1), $2, $3, $4)
ON CONFLICT (site_key) DO UPDATE SET pinned = EXCLUDED.pinned, excluded = EXCLUDED.excluded, note = EXCLUDED.note
RETURNING id, site_key, kind, pinned, excluded, note
