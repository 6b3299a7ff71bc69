SELECT a.id, a.code, a.name, a.level, p.code AS parent_code, p.name AS parent_name
FROM admin_areas a LEFT JOIN admin_areas p ON p.id = a.parent_id
WHERE a.code = $1
