-- The id range and count of the blind spots of some modes ($1), to cut the reasons work into
-- id ranges for several sessions.
SELECT min(id)::float8 AS lo, max(id)::float8 AS hi, count(*)::int AS n FROM coverage_blind_spots WHERE mode = ANY ($1::text[])
