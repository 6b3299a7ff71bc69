-- Records whether the full recompute just done wrote the whole daily history ($1).
INSERT INTO settings (key, value, updated_at) VALUES ('coverage_history', jsonb_build_object('complete', $1::boolean), now())
ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()
