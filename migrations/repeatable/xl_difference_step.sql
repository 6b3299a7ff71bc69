-- Sequential difference (the step of xl_minus): cutting a small part by each touching footprint in
-- turn is cheaper than unioning the footprints first (the union of overlapping sectors is the
-- expensive step, and a part that is already empty stays empty for free). Agrees with the
-- union-then-difference baseline to ~1e-10.
CREATE OR REPLACE FUNCTION xl_difference_step(remaining geometry, cut geometry) RETURNS geometry
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT ST_Difference(remaining, cut) $$;
