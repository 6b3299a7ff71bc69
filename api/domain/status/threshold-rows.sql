-- The thresholds set per area (a NULL rate inherits).
SELECT area_code AS "areaCode", online_min AS online, working_min AS working, networked_min AS networked, note, updated_at AS "updatedAt", updated_by AS "updatedBy"
FROM status_thresholds
ORDER BY area_code
