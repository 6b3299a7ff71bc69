-- Blind spots of one mode from the per-part results (function in migration 0013): uncovered
-- pieces merged across a target's parts, minus pieces under the thresholds, nothing for
-- intersections that count as covered, and in 'now' the pieces lost to down cameras apart.
-- $1 mode, $2 target ids or NULL, $3 covered share for intersections, $4 min gap m, $5 min sliver m².
SELECT xl_insert_blind_spots($1, $2::bigint[], $3, $4, $5)
