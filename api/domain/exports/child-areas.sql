SELECT code FROM admin_areas WHERE parent_id = $1 ORDER BY code
