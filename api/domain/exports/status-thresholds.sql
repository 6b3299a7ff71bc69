SELECT value FROM settings WHERE key = 'status_thresholds'
