ALTER TYPE "public"."tenant_role" ADD VALUE 'custom';--> statement-breakpoint
CREATE TABLE "custom_roles" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"permissions" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "custom_roles_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "custom_roles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "custom_role_id" uuid;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "created_by_api_key_id" uuid;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "custom_role_id" uuid;--> statement-breakpoint
ALTER TABLE "user_tenant_roles" ADD COLUMN "custom_role_id" uuid;--> statement-breakpoint
ALTER TABLE "custom_roles" ADD CONSTRAINT "custom_roles_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "custom_roles_tenant_name_key" ON "custom_roles" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_api_key_id_api_keys_id_fk" FOREIGN KEY ("created_by_api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_custom_role_fk" FOREIGN KEY ("tenant_id","custom_role_id") REFERENCES "public"."custom_roles"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_custom_role_fk" FOREIGN KEY ("tenant_id","custom_role_id") REFERENCES "public"."custom_roles"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tenant_roles" ADD CONSTRAINT "user_tenant_roles_custom_role_fk" FOREIGN KEY ("tenant_id","custom_role_id") REFERENCES "public"."custom_roles"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_custom_role_idx" ON "api_keys" USING btree ("tenant_id","custom_role_id");--> statement-breakpoint
CREATE INDEX "api_keys_created_by_key_idx" ON "api_keys" USING btree ("created_by_api_key_id");--> statement-breakpoint
CREATE INDEX "invitations_custom_role_idx" ON "invitations" USING btree ("tenant_id","custom_role_id");--> statement-breakpoint
CREATE INDEX "user_tenant_roles_custom_role_idx" ON "user_tenant_roles" USING btree ("tenant_id","custom_role_id");--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_custom_role_check" CHECK ((("role"::text = 'custom') = ("custom_role_id" is not null)));--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_custom_role_check" CHECK ((("role"::text = 'custom') = ("custom_role_id" is not null)));--> statement-breakpoint
ALTER TABLE "user_tenant_roles" ADD CONSTRAINT "user_tenant_roles_custom_role_check" CHECK ((("role"::text = 'custom') = ("custom_role_id" is not null)));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "custom_roles" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- FORCE row-level security on the new tenant table (drizzle-kit only enables it).
ALTER TABLE "custom_roles" FORCE ROW LEVEL SECURITY;
