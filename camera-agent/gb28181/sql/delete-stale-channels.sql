-- After a complete catalog of device $1 (seen at $2): items it no longer lists are gone.
DELETE FROM gb_channels WHERE device_id = $1 AND seen_at < $2::timestamptz
