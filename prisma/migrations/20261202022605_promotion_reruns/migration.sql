-- A re-run of a blocked promotion is a new promotion naming the one it re-runs (rerun_of) and
-- who asked for it (rerun_by); the blocked attempt and its results stay as they were.
-- AlterTable
ALTER TABLE "promotions" ADD COLUMN     "rerun_by" TEXT,
ADD COLUMN     "rerun_of" UUID;

-- CreateIndex
CREATE INDEX "promotions_rerun_of_idx" ON "promotions"("rerun_of");

-- AddForeignKey
ALTER TABLE "promotions" ADD CONSTRAINT "promotions_rerun_of_fkey" FOREIGN KEY ("rerun_of") REFERENCES "promotions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
