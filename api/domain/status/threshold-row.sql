-- One area's own thresholds, locked for an update.
SELECT area_code AS "areaCode", online_min AS online, working_min AS working, networked_min AS networked, note, updated_at AS "updatedAt", updated_by AS "updatedBy"
FROM status_thresholds
WHERE area_code = $1
FOR UPDATE
