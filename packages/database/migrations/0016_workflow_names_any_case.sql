ALTER TABLE "macros" DROP CONSTRAINT "macros_tenant_owner_name_key";--> statement-breakpoint
ALTER TABLE "saved_views" DROP CONSTRAINT "saved_views_tenant_owner_name_key";--> statement-breakpoint
CREATE UNIQUE INDEX "macros_tenant_owner_name_key" ON "macros" USING btree ("tenant_id",coalesce("owner_user_id", '00000000-0000-0000-0000-000000000000'::uuid),lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_tenant_owner_name_key" ON "saved_views" USING btree ("tenant_id",coalesce("owner_user_id", '00000000-0000-0000-0000-000000000000'::uuid),lower("name"));