-- A version's file set is frozen by the first promotion that references the version: from
-- then on checks, the signed verdict and provenance speak about exactly those bytes, so they
-- must never change under them. The service answers 409 before it gets here; the trigger
-- makes it a database fact for every other writer too. Deleting stays possible (a version
-- with promotions cannot be deleted anyway: promotions restrict it).

-- AlterTable
ALTER TABLE "model_versions" ADD COLUMN "frozen_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "promotions" ADD COLUMN "artifact_files" JSONB;

-- Versions some promotion already references are frozen from that promotion on.
UPDATE "model_versions" v SET "frozen_at" = p.first_at
FROM (SELECT "version_id", min("created_at") AS first_at FROM "promotions" GROUP BY "version_id") p
WHERE p."version_id" = v."id";

CREATE FUNCTION "artifact_files_frozen"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "model_versions" WHERE "id" = NEW."version_id" AND "frozen_at" IS NOT NULL)
     OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM "model_versions" WHERE "id" = OLD."version_id" AND "frozen_at" IS NOT NULL)) THEN
    RAISE EXCEPTION 'the files of a version a promotion references are immutable'
      USING ERRCODE = 'check_violation', DETAIL = format('%s on artifact_files of version %s refused', TG_OP, NEW."version_id");
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "artifact_files_immutable_once_frozen"
BEFORE INSERT OR UPDATE ON "artifact_files"
FOR EACH ROW EXECUTE FUNCTION "artifact_files_frozen"();
