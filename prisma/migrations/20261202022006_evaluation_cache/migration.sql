-- Model answers kept for reuse across promotions of the same artifact: keyed by the sha256 of a
-- canonical JSON of everything an answer depends on (see src/evaluation/cache/).
-- CreateTable
CREATE TABLE "evaluation_cache" (
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "answer" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evaluation_cache_pkey" PRIMARY KEY ("key")
);
