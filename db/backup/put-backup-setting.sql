-- What a backup records in the database itself, so the dump carries it (read back by restore).
INSERT INTO settings (key, value) VALUES ('backup', $1::jsonb)
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
