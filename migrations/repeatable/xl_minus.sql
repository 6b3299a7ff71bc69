-- The first input minus every further input, in the aggregate's order (xl_difference_step):
-- xl_part_coverage feeds it the part, then the footprints that touch it.
CREATE OR REPLACE AGGREGATE xl_minus(geometry) (sfunc = xl_difference_step, stype = geometry);
