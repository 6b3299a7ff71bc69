-- requires: xl_state_online, xl_state_working
-- camera_status.online and .working from the health vocabulary's functions
-- (migrations/repeatable/xl_state_online.sql, xl_state_working.sql; vocabulary/camera-health.ts
-- is the definition and a test holds the functions to it). Until now the columns restated the
-- rule and counted PROTOCOL_ERROR as online while the map drew it offline. PostgreSQL 15 cannot
-- change a generated column's expression: drop and add them again (one row per camera; adding
-- them rewrites the table once and computes every row with the functions).
ALTER TABLE camera_status DROP COLUMN online, DROP COLUMN working;
ALTER TABLE camera_status
  ADD COLUMN online boolean GENERATED ALWAYS AS (xl_state_online(state)) STORED,
  ADD COLUMN working boolean GENERATED ALWAYS AS (xl_state_working(state)) STORED;
