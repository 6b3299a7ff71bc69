-- What we last knew of a device (firmware, serial) even when it is not registered now, so a
-- device that comes back with another serial or firmware is noticed.
SELECT firmware, serial FROM gb_devices WHERE device_id = $1
