-- GB/T 28181 events in the order the server saw them, each also sent as NOTIFY gb28181 with the
-- payload pinned in docs/contracts.md (delivered when the transaction commits).
WITH e AS (
  SELECT x.n, x.v FROM json_array_elements($1::json) WITH ORDINALITY AS x(v, n)
), ins AS (
  INSERT INTO gb_events (device_id, channel_id, camera_id, kind, detail, at)
  SELECT e.v ->> 'deviceId', e.v ->> 'channelId', (SELECT c.id FROM cameras c WHERE c.id = (e.v ->> 'cameraId')::bigint), e.v ->> 'kind',
    coalesce(e.v -> 'detail', '{}'), (e.v ->> 'at')::timestamptz
  FROM e ORDER BY e.n
  RETURNING 1
)
SELECT (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(pg_notify('gb28181', e.v::text)) FROM e)::int AS notified
