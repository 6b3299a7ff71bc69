-- Audit entries newest first with optional filters (null = any): $1 actor (user name, exact),
-- $2 actions, $3 entity, $4 entity id, $5 from (inclusive), $6 to (exclusive), $7 keyset cursor
-- (entries with a smaller id), $8 page size.
SELECT id, at, user_id, username, action, entity, entity_id, before, after, address
FROM audit_log
WHERE ($1::text IS NULL OR username = $1)
  AND ($2::text[] IS NULL OR action = ANY ($2::text[]))
  AND ($3::text IS NULL OR entity = $3)
  AND ($4::text IS NULL OR entity_id = $4)
  AND ($5::timestamptz IS NULL OR at >= $5)
  AND ($6::timestamptz IS NULL OR at < $6)
  AND ($7::bigint IS NULL OR id < $7)
ORDER BY id DESC
LIMIT $8
