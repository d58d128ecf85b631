-- Where a principal's identity comes from: an API key minted by an admin, or the
-- organization's identity provider (roles then come from its tokens).
ALTER TABLE "principals" ADD COLUMN "source" TEXT NOT NULL DEFAULT 'api_key';

-- A key may be limited to some models: {"models": ["name", ...]}; null acts on any model.
ALTER TABLE "api_keys" ADD COLUMN "scope" JSONB;

-- The models a dataset may evaluate.
ALTER TABLE "datasets" ADD COLUMN "models" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Changes that take effect only when a second admin confirms them.
CREATE TABLE "pending_changes" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "proposed_by" TEXT NOT NULL,
    "proposed_by_id" UUID NOT NULL,
    "confirmed_by" TEXT,
    "result" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "pending_changes_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "pending_changes_status_created_at_idx" ON "pending_changes"("status", "created_at" DESC);
CREATE INDEX "promotions_model_id_target_environment_status_created_at_idx" ON "promotions"("model_id", "target_environment", "status", "created_at");
