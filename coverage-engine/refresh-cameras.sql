-- Database half of refreshing changed cameras in one round trip (function in migration 0017):
-- drops and re-inserts their footprints, refreshes the parts touched before or after, and
-- returns the sample points of the blind spots whose reasons may change (plus one 'targets' row).
SELECT id::int AS id, mode, x, y, level
FROM xl_refresh_cameras($1::bigint[], $2::bigint[], $3::text[], $4::real[], $5::real[], $6::real[], $7::boolean[], $8::text[], $9::text[],
                        $10::text[], $11::date, $12, $13, $14, $15::float8[], $16::float8[], $17::float8[])
