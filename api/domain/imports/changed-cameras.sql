-- Cameras written by an import that committed at or after $1 (the upsert sets updated_at = now()).
SELECT id FROM cameras WHERE updated_at >= $1::timestamptz OR created_at >= $1::timestamptz
