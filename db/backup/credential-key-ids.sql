-- Fingerprints (hex key ids) of the keys that encrypted the stored credentials: for every bytea
-- column named *_enc in the public schema, the distinct bytes 4..11 of its values (the key id of
-- the xl1 format, db/credentials.ts). query_to_xml runs the per-column query, so this stays one
-- static statement whatever columns a later migration adds.
SELECT DISTINCT (xpath('/row/k/text()', r))[1]::text AS key_id
FROM information_schema.columns c,
  LATERAL unnest(xpath('/table/row', query_to_xml(
    format('SELECT DISTINCT encode(substring(%I FROM 4 FOR 8), ''hex'') AS k FROM %I.%I WHERE %I IS NOT NULL',
           c.column_name, c.table_schema, c.table_name, c.column_name),
    false, false, ''))) AS r
WHERE c.table_schema = 'public' AND c.column_name LIKE '%\_enc' AND c.data_type = 'bytea'
ORDER BY 1
