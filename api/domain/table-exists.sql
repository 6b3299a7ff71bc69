-- Whether a table (or view) exists yet: parts other engineers migrate may be missing.
SELECT to_regclass($1) IS NOT NULL AS ok
