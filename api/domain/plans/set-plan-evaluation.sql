UPDATE plans SET evaluation = $2 WHERE id = $1
