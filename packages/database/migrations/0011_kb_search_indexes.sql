DROP INDEX "kb_articles_tenant_title_trgm_idx";--> statement-breakpoint
ALTER TABLE "kb_articles" ADD COLUMN "title_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector(search_config, title)) STORED;--> statement-breakpoint
CREATE INDEX "kb_articles_tenant_title_search_idx" ON "kb_articles" USING gin ("tenant_id","title_vector");--> statement-breakpoint
CREATE INDEX "kb_articles_tenant_title_trgm_idx" ON "kb_articles" USING gin ("tenant_id","title" gin_trgm_ops);