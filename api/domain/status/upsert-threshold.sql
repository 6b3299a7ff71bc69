-- Sets an area's own thresholds ($2 online, $3 working, $6 networked; NULL = inherit from the
-- parent area).
INSERT INTO status_thresholds (area_code, online_min, working_min, networked_min, note, updated_at, updated_by)
VALUES ($1, $2, $3, $6, $4, now(), $5)
ON CONFLICT (area_code) DO UPDATE SET
  online_min = EXCLUDED.online_min, working_min = EXCLUDED.working_min, networked_min = EXCLUDED.networked_min, note = EXCLUDED.note,
  updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
RETURNING area_code AS "areaCode", online_min AS online, working_min AS working, networked_min AS networked, note, updated_at AS "updatedAt", updated_by AS "updatedBy"
