DELETE FROM camera_models WHERE id = $1 RETURNING id
