-- Whether coverage_history holds every part's daily history (the last full recompute made it;
-- `recompute --no-history` leaves it partial), so a date's figures may be read from it.
SELECT coalesce((SELECT (value ->> 'complete')::boolean FROM settings WHERE key = 'coverage_history'), false) AS complete
