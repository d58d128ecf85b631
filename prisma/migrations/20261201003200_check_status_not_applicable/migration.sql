-- A check that does not apply to the promoted model is `not_applicable`, not `skipped`:
-- the old word read as "left out", and the verdict counted it as a warning.
UPDATE "check_results" SET "status" = 'not_applicable' WHERE "status" = 'skipped';
