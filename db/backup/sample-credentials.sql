-- One stored camera credential per key fingerprint, to prove after a restore that each decrypts.
SELECT DISTINCT ON (encode(substring(onvif_password_enc FROM 4 FOR 8), 'hex')) onvif_password_enc AS enc
FROM cameras WHERE onvif_password_enc IS NOT NULL
ORDER BY encode(substring(onvif_password_enc FROM 4 FOR 8), 'hex')
