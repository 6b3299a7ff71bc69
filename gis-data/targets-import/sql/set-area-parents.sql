-- Parents named by code, set once the whole file is in (a town may come before its county).
UPDATE admin_areas a SET parent_id = p.id
FROM json_to_recordset($1::json) AS x(code text, parent_code text)
JOIN admin_areas p ON p.code = x.parent_code
WHERE a.code = x.code
