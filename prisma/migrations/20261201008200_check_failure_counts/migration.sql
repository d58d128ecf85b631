-- The real number of failing cases per category a check counted ({"category": n}); the stored
-- cases are a capped sample of them. Null when the check does not count its cases.
ALTER TABLE "check_results" ADD COLUMN "failure_counts" JSONB;
