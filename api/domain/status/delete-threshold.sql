-- Removes an area's own thresholds: it inherits every rate again.
DELETE FROM status_thresholds WHERE area_code = $1
