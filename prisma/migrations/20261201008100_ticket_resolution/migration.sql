-- Tickets close: by a later promotion of the model to the same environment, or by hand with a reason.
ALTER TABLE "remediation_tickets" ADD COLUMN "resolved_at" TIMESTAMPTZ(3);
ALTER TABLE "remediation_tickets" ADD COLUMN "resolved_by" TEXT;
ALTER TABLE "remediation_tickets" ADD COLUMN "resolution" TEXT;
