-- Tables in the public schema other than PostGIS's own: a database with any is not empty.
SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'spatial_ref_sys' ORDER BY tablename
