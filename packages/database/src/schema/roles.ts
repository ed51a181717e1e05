// Tenant-owned: custom roles, each a named set of permissions from the domain's table.
import { sql } from "drizzle-orm";
import { pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, newId, updatedAt } from "./_columns";
import { tenantIdColumn, tenantIsolationPolicy } from "./_tenant";

/**
 * A role an admin defined for their tenant. `permissions` holds keys of the domain's permission
 * table; members, invitations and API keys point at a role with `(tenant_id, custom_role_id)`,
 * and the foreign keys refuse to delete a role still in use.
 */
export const customRoles = pgTable(
  "custom_roles",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    permissions: text("permissions").array().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("custom_roles_tenant_name_key").on(t.tenantId, sql`lower(${t.name})`),
    tenantIsolationPolicy(),
  ],
);
