CREATE TYPE "public"."ticket_channel" AS ENUM('agent', 'helpcentre', 'email');--> statement-breakpoint
CREATE TABLE "contact_deflection" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"day" date NOT NULL,
	"shown" integer DEFAULT 0 NOT NULL,
	"clicked" integer DEFAULT 0 NOT NULL,
	"submitted" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "contact_deflection_tenant_id_day_pk" PRIMARY KEY("tenant_id","day")
);
--> statement-breakpoint
ALTER TABLE "contact_deflection" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "ticket_links" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	CONSTRAINT "ticket_links_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "ticket_links" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "channel" "ticket_channel" DEFAULT 'agent' NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "inquiry_type_id" text;--> statement-breakpoint
ALTER TABLE "contact_deflection" ADD CONSTRAINT "contact_deflection_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_links" ADD CONSTRAINT "ticket_links_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_links" ADD CONSTRAINT "ticket_links_ticket_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "public"."tickets"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_links_tenant_token_key" ON "ticket_links" USING btree ("tenant_id","token_hash");--> statement-breakpoint
CREATE INDEX "ticket_links_tenant_ticket_idx" ON "ticket_links" USING btree ("tenant_id","ticket_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "contact_deflection" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "ticket_links" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- FORCE row-level security on the new tenant tables (drizzle-kit only enables it).
ALTER TABLE "contact_deflection" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "ticket_links" FORCE ROW LEVEL SECURITY;
