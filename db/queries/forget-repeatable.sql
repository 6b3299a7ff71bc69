DELETE FROM schema_repeatables WHERE name = $1
