// Platform table of API keys: each bound to one tenant and a role, stored as prefix + hash only.
import {
  type AnyPgColumn,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, newId } from "./_columns";
import { customRoleReference, tenantRole } from "./memberships";
import { tenants } from "./tenants";
import { users } from "./users";

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().$defaultFn(newId),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The first characters of the key, shown in lists so people can tell keys apart. */
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    role: tenantRole("role").notNull(),
    customRoleId: uuid("custom_role_id"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    /** The key that created this one, when a key did (revoking it lists what it made). */
    createdByApiKeyId: uuid("created_by_api_key_id").references((): AnyPgColumn => apiKeys.id, {
      onDelete: "set null",
    }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("api_keys_hash_key").on(t.keyHash),
    index("api_keys_tenant_idx").on(t.tenantId, t.createdAt.desc().nullsFirst()),
    index("api_keys_created_by_key_idx").on(t.createdByApiKeyId),
    ...customRoleReference("api_keys", t),
  ],
);
