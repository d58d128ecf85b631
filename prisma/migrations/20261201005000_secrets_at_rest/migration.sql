-- Webhook secrets sealed with AES-256-GCM (ciphertext and the id of the server secret that
-- sealed it); the clear column stays only for rows written before, which the service seals
-- and clears at start.
ALTER TABLE "webhooks" ALTER COLUMN "secret" DROP NOT NULL;
ALTER TABLE "webhooks" ADD COLUMN "secret_ciphertext" TEXT;
ALTER TABLE "webhooks" ADD COLUMN "secret_key_id" TEXT;

-- API keys keep only a short public identifier; the clear first characters older keys stored
-- were part of their secret.
ALTER TABLE "api_keys" ALTER COLUMN "prefix" DROP NOT NULL;
UPDATE "api_keys" SET "prefix" = NULL;
