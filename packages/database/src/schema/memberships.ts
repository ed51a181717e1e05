// Platform tables linking users to tenants: roles per tenant, and invitations to join one.
import {
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, newId, updatedAt } from "./_columns";
import { tenants } from "./tenants";
import { users } from "./users";

export const tenantRole = pgEnum("tenant_role", ["owner", "admin", "member", "viewer"]);
export type TenantRole = (typeof tenantRole.enumValues)[number];

/**
 * A user's role in a tenant: the only source of a user's power inside it. Platform-level
 * (not under RLS) because login lists a user's tenants before any tenant is chosen.
 */
export const userTenantRoles = pgTable(
  "user_tenant_roles",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    role: tenantRole("role").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.tenantId] }),
    index("user_tenant_roles_tenant_idx").on(t.tenantId, t.role),
  ],
);

/**
 * An invitation to join a tenant with a role. The token is shown once (in the email) and
 * stored only as a hash; platform-level because the invitee opens it before belonging anywhere.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().$defaultFn(newId),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: tenantRole("role").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    index("invitations_tenant_idx").on(t.tenantId, t.createdAt.desc().nullsFirst()),
  ],
);
