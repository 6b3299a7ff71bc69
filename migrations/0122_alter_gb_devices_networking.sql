-- 联网 (networked) as the health vocabulary defines it (vocabulary/camera-health.ts isNetworked,
-- SQL xl_networked): registered and alive within 3 keepalive intervals. The age is measured from
-- the device's last sign of life, a keepalive or a (re-)REGISTER, which the SIP server keeps in
-- memory and now stores too, so the rule can be evaluated from the table at any time (also when
-- the SIP server has stopped and no longer marks its devices offline).
ALTER TABLE gb_devices ADD COLUMN last_alive_at timestamptz;
UPDATE gb_devices SET last_alive_at = greatest(registered_at, last_keepalive_at);

-- 联网率 over time: per camera in service and local day (the camera agent's days, as
-- camera_status_daily), whether it was networked at the last record of that day. The SIP server
-- records today's row of every camera in service periodically (gb28181 networkedRecordMs), so a
-- past day holds its state near the day's end. No row for a day: nothing was recorded (the SIP
-- server was not running): 联网率 of that day is unknown (null), not 0.
CREATE TABLE gb_networked_daily (
  camera_id bigint NOT NULL REFERENCES cameras (id) ON DELETE CASCADE,
  day date NOT NULL,
  networked boolean NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (camera_id, day)
);
CREATE INDEX gb_networked_daily_day_idx ON gb_networked_daily (day);
