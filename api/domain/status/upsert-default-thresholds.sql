-- Stores the default thresholds (the settings key the coverage report reads as well).
INSERT INTO settings (key, value, updated_at) VALUES ('status_thresholds', $1::jsonb, now())
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at
