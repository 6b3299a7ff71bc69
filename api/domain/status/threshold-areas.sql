-- Every admin area with its parent's code, for threshold inheritance (town → county → city).
SELECT a.code, a.name, a.level, p.code AS "parentCode"
FROM admin_areas a
LEFT JOIN admin_areas p ON p.id = a.parent_id
ORDER BY CASE a.level WHEN 'city' THEN 0 WHEN 'county' THEN 1 ELSE 2 END, a.code
