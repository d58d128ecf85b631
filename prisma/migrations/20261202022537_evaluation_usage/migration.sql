-- What each promotion has spent on evaluation (model calls, reported tokens) and when its first
-- evaluation started: the budget in settings.evaluation.budget is counted against it across tiers.
-- CreateTable
CREATE TABLE "evaluation_usage" (
    "promotion_id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "tokens" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evaluation_usage_pkey" PRIMARY KEY ("promotion_id")
);

-- AddForeignKey
ALTER TABLE "evaluation_usage" ADD CONSTRAINT "evaluation_usage_promotion_id_fkey" FOREIGN KEY ("promotion_id") REFERENCES "promotions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
