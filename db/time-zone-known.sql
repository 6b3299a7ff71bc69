-- Whether PostgreSQL's time-zone database knows the name $1.
SELECT 1 FROM pg_timezone_names WHERE name = $1
