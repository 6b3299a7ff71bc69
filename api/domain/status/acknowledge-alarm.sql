-- Acknowledges alarm $1 by user $2 with note $3; a second acknowledgement keeps the first.
UPDATE camera_alarms
SET acknowledged_at = coalesce(acknowledged_at, now()), acknowledged_by = coalesce(acknowledged_by, $2), ack_note = coalesce(ack_note, $3)
WHERE id = $1
RETURNING id::bigint AS id, acknowledged_at AS "acknowledgedAt", acknowledged_by AS "acknowledgedBy", ack_note AS "ackNote"
