// @supportdesk/database: the schema, connections, `withTenant`, tenant creation and migrations.

// One Drizzle version for every package: import operators from here, not from drizzle-orm.
export {
  and,
  arrayContains,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  not,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
export { type AnyPgColumn, alias } from "drizzle-orm/pg-core";
export {
  bindTenant,
  createDatabase,
  type Database,
  type DatabaseOptions,
  type Executor,
  isUuid,
  type PlatformDb,
  type TenantDb,
} from "./client";
export { nextNumber } from "./counters";
export {
  type DatabaseErrorCode,
  DatabaseInputError,
  isDatabaseUnavailable,
  TenantContextError,
} from "./errors";
export { migrationsFolder, runMigrations } from "./migrate";
export * from "./schema";
export {
  type CreateTenantInput,
  createTenant,
  isSlugAvailable,
  type Tenant,
} from "./tenants";
