-- The city-wide default thresholds (settings key status_thresholds, fractions), locked when updating.
SELECT value FROM settings WHERE key = 'status_thresholds'
