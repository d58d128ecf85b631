-- audit_events is a hash-chained log: a changed or removed row would break the chain
-- silently, so the database itself refuses to change or remove rows, whoever asks (the
-- service, a psql session, a careless migration). Written by hand: Prisma does not model
-- triggers, and does not introspect them either, so later generated migrations leave these
-- alone.

CREATE FUNCTION "audit_events_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only'
    USING DETAIL = format('%s on audit_events refused', TG_OP);
END;
$$;

-- Row-level, so the error names what was attempted; a statement that matches no row changes
-- nothing and passes.
CREATE TRIGGER "audit_events_no_update_delete"
BEFORE UPDATE OR DELETE ON "audit_events"
FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();

-- TRUNCATE fires no row triggers, so it needs a statement trigger of its own.
CREATE TRIGGER "audit_events_no_truncate"
BEFORE TRUNCATE ON "audit_events"
FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();
