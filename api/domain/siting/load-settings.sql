SELECT key, value FROM settings WHERE key IN ('standard', 'default_levels', 'siting')
