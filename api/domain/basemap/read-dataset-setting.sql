-- The loaded dataset's description (bounds, source, attribution) for the basemap style.
SELECT value FROM settings WHERE key = 'dataset'
