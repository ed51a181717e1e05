// Platform table of jobs born of a write: recorded in the writer's transaction, relayed to BullMQ.
import { sql } from "drizzle-orm";
import {
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, newId } from "./_columns";
import { tenants } from "./tenants";

/**
 * Platform-level so that one relay can see every tenant's pending jobs; each row still names
 * its tenant (null only for platform jobs such as a sign-up's verification email).
 */
export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().$defaultFn(newId),
    tenantId: uuid("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    queue: text("queue").notNull(),
    jobName: text("job_name").notNull(),
    payload: jsonb("payload").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /**
     * At most one pending job per key (a unique index over pending rows): recurring jobs such as
     * a tenant's service-level sweep are enqueued with a key, so a second enqueue is a no-op.
     */
    jobKey: text("job_key"),
    availableAt: timestamp("available_at", { withTimezone: true }).notNull().defaultNow(),
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("outbox_pending_idx").on(t.availableAt, t.id).where(sql`${t.dispatchedAt} is null`),
    uniqueIndex("outbox_pending_key")
      .on(t.jobKey)
      .where(sql`${t.dispatchedAt} is null and ${t.jobKey} is not null`),
    index("outbox_tenant_pending_idx")
      .on(t.tenantId, t.createdAt)
      .where(sql`${t.dispatchedAt} is null`),
  ],
);
