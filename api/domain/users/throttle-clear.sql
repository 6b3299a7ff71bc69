-- Unlock: every key of a user name ($1, lower-cased: its addresses, its devices, its password
-- checks) and/or of an address ($2: the address itself and each user name tried from it).
DELETE FROM login_throttle
WHERE ($1::text IS NOT NULL AND username = $1 AND scope <> 'address')
   OR ($2::text IS NOT NULL AND address = $2 AND scope IN ('address', 'user_address'))
RETURNING scope, username, address, failures
