-- Device inventory from both paths: ONVIF GetDeviceInformation (the agent now keeps the
-- manufacturer too) and GB/T 28181 (DeviceInfo of a camera that registers itself, else the
-- manufacturer and model a platform's catalog lists for the channel). One row per camera and
-- source; read by the camera card, the camera export and `xueliang poll --json`. The view itself
-- is migrations/repeatable/camera_inventory.sql.
ALTER TABLE camera_poll_state ADD COLUMN manufacturer text;
