-- A check that does not apply is "not_applicable" (it used to be written "skipped").
UPDATE "check_results" SET "status" = 'not_applicable' WHERE "status" = 'skipped';

-- Status columns hold only the values the code knows. CHECK constraints rather than enum
-- types: a later migration adds a value by replacing the constraint, inside its transaction.
ALTER TABLE "promotions" ADD CONSTRAINT "promotions_status_check"
  CHECK ("status" IN ('queued', 'running', 'awaiting_approval', 'promoted', 'blocked', 'rejected', 'expired', 'cancelled'));
ALTER TABLE "check_results" ADD CONSTRAINT "check_results_status_check"
  CHECK ("status" IN ('passed', 'failed', 'not_applicable', 'inconclusive', 'pending', 'not_run'));
ALTER TABLE "gate_runs" ADD CONSTRAINT "gate_runs_status_check"
  CHECK ("status" IN ('running', 'passed', 'failed', 'cancelled'));
