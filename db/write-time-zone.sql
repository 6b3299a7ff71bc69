-- Sets the dataset's time zone ($1, an IANA name checked by the caller).
INSERT INTO settings (key, value, updated_at) VALUES ('time_zone', to_jsonb($1::text), now())
ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()
