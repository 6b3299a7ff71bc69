-- "Now" blind spots of targets $1 whose "now" equals design: the design pieces, copied with
-- their geometry (xl_insert_blind_spots would union the same pieces a second time).
INSERT INTO coverage_blind_spots (mode, target_id, class, admin_area_id, reason, measure, priority, geom_m)
SELECT 'now', b.target_id, b.class, b.admin_area_id, b.reason, b.measure, b.priority, b.geom_m
FROM coverage_blind_spots b
WHERE b.mode = 'design' AND b.target_id = ANY ($1::bigint[])
