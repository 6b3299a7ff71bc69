-- No query looks coverage_results up by the place of its uncovered geometry (blind spots are
-- found through coverage_blind_spots, results by part id), yet every full recompute rebuilt
-- this GiST index over a few hundred thousand rows and every refresh maintained it.
DROP INDEX IF EXISTS coverage_results_uncovered_m_idx;
DROP INDEX IF EXISTS coverage_adhoc_uncovered_m_idx;
