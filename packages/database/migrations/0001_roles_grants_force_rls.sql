-- What drizzle-kit cannot express: the app role's grants, FORCE row-level security, and an
-- append-only audit log. The app role `supportdesk_app` is created by `bun run services:up`
-- (or by whoever provisions the database); it must not be superuser, owner, or BYPASSRLS.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'supportdesk_app') THEN
    RAISE EXCEPTION 'role supportdesk_app is missing: run `bun run services:up`, or create it (LOGIN, NOSUPERUSER, NOBYPASSRLS) before migrating';
  END IF;
END
$$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO supportdesk_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO supportdesk_app;--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO supportdesk_app;--> statement-breakpoint
-- Tables that later migrations create (as the same owner) get the same grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO supportdesk_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO supportdesk_app;--> statement-breakpoint
-- The audit trail is written, never rewritten, by the application.
REVOKE UPDATE, DELETE ON "audit_log" FROM supportdesk_app;--> statement-breakpoint
-- FORCE makes the policies bind the tables' owner too (migrations and seeds run as owner).
ALTER TABLE "tenant_counters" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "customers" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tickets" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "messages" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "notifications" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;
