-- Plans saved before the coverage engine confirmed plans and suggestions (0086) carry the old
-- shapes, which the API's document no longer describes: an evaluation of the search model's units
-- (no "before"/"after" from the engine) and a suggestion whose "rates" were the search's own.
-- The stored evaluation is only the last result of POST /plans/{id}/evaluate: cleared, the next
-- evaluation stores the engine's. A suggestion's old rates become its searchRates (what they
-- were); it has no engine figures (rates empty, confirmation null) rather than invented ones.
UPDATE plans SET evaluation = NULL WHERE evaluation IS NOT NULL AND NOT (evaluation ? 'before');

UPDATE plans
SET suggestion = (suggestion - 'rates')
  || jsonb_build_object('searchRates', coalesce(suggestion -> 'rates', '[]'::jsonb), 'rates', '[]'::jsonb, 'confirmation', 'null'::jsonb)
WHERE suggestion IS NOT NULL AND jsonb_typeof(suggestion) = 'object' AND NOT (suggestion ? 'confirmation');
