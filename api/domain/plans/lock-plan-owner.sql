-- The plan's owner (user id; NULL: made by the CLI or a deleted user), locked for the change that follows.
SELECT created_by FROM plans WHERE id = $1 FOR UPDATE
