-- FORCE row-level security on the new tenant table (drizzle-kit only enables it).
ALTER TABLE "notification_preferences" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Wake the outbox relay when jobs are recorded. NOTIFY is delivered at commit, so a rolled-back
-- write wakes nobody; one notification per statement, however many rows it inserted.
CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox', '');
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER outbox_notify AFTER INSERT ON "outbox" FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
