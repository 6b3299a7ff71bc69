DELETE FROM cameras WHERE device_id = $1 RETURNING id
