-- The latest snapshot per camera: a batch of pictures replaces older ones only. Cameras deleted
-- since the poll are skipped (the join) instead of failing the whole batch.
INSERT INTO camera_snapshots (camera_id, taken_at, jpeg, width, height, picture_reason, agent_id, stored_at)
SELECT s.camera_id, s.taken_at, s.jpeg, s.width, s.height, s.picture_reason, $7, now()
FROM unnest($1::bigint[], $2::timestamptz[], $3::bytea[], $4::int[], $5::int[], $6::text[])
  AS s (camera_id, taken_at, jpeg, width, height, picture_reason)
JOIN cameras c ON c.id = s.camera_id
ON CONFLICT (camera_id) DO UPDATE SET
  taken_at = EXCLUDED.taken_at, jpeg = EXCLUDED.jpeg, width = EXCLUDED.width, height = EXCLUDED.height,
  picture_reason = EXCLUDED.picture_reason, agent_id = EXCLUDED.agent_id, stored_at = EXCLUDED.stored_at
WHERE camera_snapshots.taken_at < EXCLUDED.taken_at
