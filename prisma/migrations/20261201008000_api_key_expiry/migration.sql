-- A rotated key keeps working until its overlap window ends; authentication refuses it after.
ALTER TABLE "api_keys" ADD COLUMN "expires_at" TIMESTAMPTZ(3);
