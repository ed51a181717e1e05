DROP INDEX "customers_tenant_email_key";--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "email_lower" text GENERATED ALWAYS AS (lower(email)) STORED;--> statement-breakpoint
CREATE UNIQUE INDEX "customers_tenant_email_key" ON "customers" USING btree ("tenant_id","email_lower");