-- The review digest the approver sent: what they saw when they signed (artifact, evidence,
-- check results, policy version). Null only for approvals recorded before it was required.

-- AlterTable
ALTER TABLE "approvals" ADD COLUMN "review_digest" TEXT;
