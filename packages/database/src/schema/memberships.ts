// Platform tables linking users to tenants: roles per tenant, and invitations to join one.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  foreignKey,
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
import { customRoles } from "./roles";
import { tenants } from "./tenants";
import { users } from "./users";

/** The built-in roles, and "custom" for a tenant's own role (then `custom_role_id` names it). */
export const tenantRole = pgEnum("tenant_role", ["owner", "admin", "member", "viewer", "custom"]);
export type TenantRole = (typeof tenantRole.enumValues)[number];

/**
 * What every row that holds a role carries for custom roles: an index and a foreign key on
 * `(tenant_id, custom_role_id)` (so a role in use cannot be deleted), and a check that
 * `custom_role_id` is set exactly when the role is "custom". The check compares text so the
 * migration that adds "custom" to the enum can create it in the same transaction.
 */
export const customRoleReference = (
  table: string,
  t: { tenantId: AnyPgColumn; role: AnyPgColumn; customRoleId: AnyPgColumn },
) => [
  index(`${table}_custom_role_idx`).on(t.tenantId, t.customRoleId),
  foreignKey({
    name: `${table}_custom_role_fk`,
    columns: [t.tenantId, t.customRoleId],
    foreignColumns: [customRoles.tenantId, customRoles.id],
  }),
  check(
    `${table}_custom_role_check`,
    sql`((${sql.identifier(t.role.name)}::text = 'custom') = (${sql.identifier(t.customRoleId.name)} is not null))`,
  ),
];

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
    customRoleId: uuid("custom_role_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.tenantId] }),
    index("user_tenant_roles_tenant_idx").on(t.tenantId, t.role),
    ...customRoleReference("user_tenant_roles", t),
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
    customRoleId: uuid("custom_role_id"),
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
    ...customRoleReference("invitations", t),
  ],
);
