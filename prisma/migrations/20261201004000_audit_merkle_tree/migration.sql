-- The audit log becomes a Merkle tree (RFC 9162) with signed checkpoints, replacing the hash
-- chain: a request's transaction only inserts its event row, and one integrator assigns tree
-- positions later. The chain columns and its head go; existing rows become the tree's first
-- leaves when the integrator first runs. Written by hand: Prisma models neither the triggers
-- nor the transaction-id default.

DROP TABLE "audit_head";
DROP INDEX IF EXISTS "audit_events_hash_key";
ALTER TABLE "audit_events" DROP COLUMN "prev_hash", DROP COLUMN "hash";

-- The id of the transaction that inserted the row. Rows commit out of seq order; the
-- integrator takes only rows whose transaction is older than every transaction still open,
-- so no row can later commit into a range it already integrated.
ALTER TABLE "audit_events" ADD COLUMN "xact" BIGINT NOT NULL DEFAULT ((pg_current_xact_id())::text)::bigint;
CREATE INDEX "audit_events_xact_seq_idx" ON "audit_events"("xact", "seq");

-- One row per tree position: which event is leaf N, and its leaf hash, so proofs need no
-- re-hashing of events.
CREATE TABLE "audit_leaves" (
    "leaf_index" BIGINT NOT NULL,
    "seq" BIGINT NOT NULL,
    "xact" BIGINT NOT NULL,
    "leaf_hash" BYTEA NOT NULL,

    CONSTRAINT "audit_leaves_pkey" PRIMARY KEY ("leaf_index"),
    CONSTRAINT "audit_leaves_leaf_hash_size" CHECK (octet_length("leaf_hash") = 32)
);
CREATE UNIQUE INDEX "audit_leaves_seq_key" ON "audit_leaves"("seq");

-- Every checkpoint the service signed: the C2SP signed note as published.
CREATE TABLE "audit_checkpoints" (
    "tree_size" BIGINT NOT NULL,
    "root_hash" BYTEA NOT NULL,
    "note" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_checkpoints_pkey" PRIMARY KEY ("tree_size")
);

-- The same refusal for the new tables, naming the table.
CREATE FUNCTION "audit_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME
    USING DETAIL = format('%s on %s refused', TG_OP, TG_TABLE_NAME);
END;
$$;

CREATE TRIGGER "audit_leaves_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_leaves"
FOR EACH ROW EXECUTE FUNCTION "audit_append_only"();
CREATE TRIGGER "audit_leaves_no_truncate" BEFORE TRUNCATE ON "audit_leaves"
FOR EACH STATEMENT EXECUTE FUNCTION "audit_append_only"();
CREATE TRIGGER "audit_checkpoints_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_checkpoints"
FOR EACH ROW EXECUTE FUNCTION "audit_append_only"();
CREATE TRIGGER "audit_checkpoints_no_truncate" BEFORE TRUNCATE ON "audit_checkpoints"
FOR EACH STATEMENT EXECUTE FUNCTION "audit_append_only"();
