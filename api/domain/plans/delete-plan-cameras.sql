DELETE FROM plan_cameras WHERE plan_id = $1
