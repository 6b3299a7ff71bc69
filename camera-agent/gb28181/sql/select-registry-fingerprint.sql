-- One row that changes whenever select-registry.sql's answer would: the number of cameras in
-- service and an order-free sum of 64-bit hashes of (id, code, encrypted password). The SIP server
-- asks this every refresh and re-reads the whole registry only when it moved, so 40,000 rows and
-- their password buffers are not rebuilt in its heap every 30 s for nothing.
SELECT count(*)::int AS "count",
  coalesce(sum(hashtextextended(id::text || ':' || device_id || ':' || coalesce(encode(gb_password_enc, 'hex'), '-'), 0)), 0)::text AS "hash"
FROM cameras
WHERE removal_date IS NULL
