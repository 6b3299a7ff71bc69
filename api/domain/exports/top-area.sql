-- The area a report covers when none is named: the top of the hierarchy (the city).
SELECT code FROM admin_areas
ORDER BY (parent_id IS NULL) DESC, CASE level WHEN 'city' THEN 0 WHEN 'county' THEN 1 ELSE 2 END, code
LIMIT 1
