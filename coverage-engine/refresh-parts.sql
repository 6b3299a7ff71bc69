-- Database half of an incremental refresh (function in migration 0011): returns target ids.
SELECT xl_refresh_parts($1::bigint[], $2::text[], $3::date, $4, $5, $6)::int[] AS target_ids
