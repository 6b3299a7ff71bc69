-- The dataset's time zone (settings key time_zone, an IANA name); none means the default.
SELECT value FROM settings WHERE key = 'time_zone'
