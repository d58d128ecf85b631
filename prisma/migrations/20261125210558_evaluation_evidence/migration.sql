-- CreateTable
CREATE TABLE "check_cases" (
    "id" UUID NOT NULL,
    "promotion_id" UUID NOT NULL,
    "check_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "output" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "detector" TEXT NOT NULL,
    "details" JSONB,

    CONSTRAINT "check_cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evaluation_metrics" (
    "id" UUID NOT NULL,
    "promotion_id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "dataset_digest" TEXT NOT NULL,
    "metrics" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evaluation_metrics_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "check_cases_promotion_id_check_id_position_key" ON "check_cases"("promotion_id", "check_id", "position");

-- CreateIndex
CREATE INDEX "evaluation_metrics_version_id_dataset_digest_created_at_idx" ON "evaluation_metrics"("version_id", "dataset_digest", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "evaluation_metrics_promotion_id_dataset_digest_key" ON "evaluation_metrics"("promotion_id", "dataset_digest");

-- AddForeignKey
ALTER TABLE "check_cases" ADD CONSTRAINT "check_cases_promotion_id_fkey" FOREIGN KEY ("promotion_id") REFERENCES "promotions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluation_metrics" ADD CONSTRAINT "evaluation_metrics_promotion_id_fkey" FOREIGN KEY ("promotion_id") REFERENCES "promotions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
