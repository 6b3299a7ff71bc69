-- Of the targets $1, those whose every part has the same "now" result as its design result
-- (same cameras, same covered amount): their "now" blind spots are the design ones.
SELECT p.target_id::int AS id
FROM coverage_target_parts p
JOIN coverage_results d ON d.part_id = p.id AND d.mode = 'design'
JOIN coverage_results n ON n.part_id = p.id AND n.mode = 'now'
WHERE p.target_id = ANY ($1::bigint[])
GROUP BY p.target_id
HAVING bool_and(n.covered = d.covered AND n.camera_ids = d.camera_ids)
