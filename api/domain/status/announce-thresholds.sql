SELECT pg_notify('status_thresholds', $1::text)
