SELECT name, checksum FROM schema_repeatables ORDER BY name
