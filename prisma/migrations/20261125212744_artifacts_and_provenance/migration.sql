-- AlterTable
ALTER TABLE "model_versions" ADD COLUMN     "training_datasets" JSONB;

-- CreateTable
CREATE TABLE "artifact_files" (
    "id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "filename" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "format" TEXT NOT NULL,
    "findings" JSONB NOT NULL,
    "globals" JSONB NOT NULL,
    "worst" TEXT,
    "stored" BOOLEAN NOT NULL,
    "uploaded_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "artifact_files_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trusted_keys" (
    "id" UUID NOT NULL,
    "key_id" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "pem" TEXT NOT NULL,
    "scope" JSONB NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trusted_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "artifact_files_sha256_idx" ON "artifact_files"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "artifact_files_version_id_filename_key" ON "artifact_files"("version_id", "filename");

-- CreateIndex
CREATE UNIQUE INDEX "trusted_keys_key_id_key" ON "trusted_keys"("key_id");

-- AddForeignKey
ALTER TABLE "artifact_files" ADD CONSTRAINT "artifact_files_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
