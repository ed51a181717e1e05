// Tenant-owned: who did what, written in the same transaction as the change (append-only).
import { index, inet, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, newId } from "./_columns";
import { tenantIdColumn, tenantIsolationPolicy } from "./_tenant";

export const auditLog = pgTable(
  "audit_log",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    /** No foreign keys on actors: the trail outlives the users and keys it names. */
    actorUserId: uuid("actor_user_id"),
    actorApiKeyId: uuid("actor_api_key_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    ip: inet("ip"),
    userAgent: text("user_agent"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("audit_log_tenant_created_idx").on(t.tenantId, t.createdAt.desc().nullsFirst()),
    tenantIsolationPolicy(),
  ],
);
