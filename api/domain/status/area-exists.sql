-- The admin area with this code, if any.
SELECT code, name, level FROM admin_areas WHERE code = $1
