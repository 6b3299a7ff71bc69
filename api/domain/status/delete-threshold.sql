-- Removes an area's own thresholds: it inherits both rates again.
DELETE FROM status_thresholds WHERE area_code = $1
