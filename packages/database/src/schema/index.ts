// The database schema: platform tables (users, tenants, memberships, …) and tenant-owned tables.
export * from "./api-keys";
export * from "./audit";
export * from "./automations";
export * from "./counters";
export * from "./customers";
export * from "./deliveries";
export * from "./email";
export * from "./helpcentre";
export * from "./kb";
export * from "./memberships";
export * from "./notifications";
export * from "./outbox";
export * from "./relations";
export * from "./roles";
export * from "./satisfaction";
export * from "./service-levels";
export * from "./tenants";
export * from "./tickets";
export * from "./users";

/**
 * Platform tables that carry a `tenant_id` yet are not under row-level security, each for a
 * reason that needs no tenant context. Every other table with a `tenant_id` is tenant-owned and
 * must pass the isolation checks (`isolation.test.ts` reads the catalog to enforce it).
 */
export const platformTablesWithTenantId: Readonly<Record<string, string>> = {
  user_tenant_roles: "login lists a user's tenants before any tenant is chosen",
  invitations: "an invitee opens an invitation by its token before belonging to the tenant",
  api_keys: "a request's API key is looked up by hash to learn which tenant it is bound to",
  outbox: "one relay dispatches every tenant's pending jobs",
  job_runs:
    "workers record platform jobs (no tenant) and tenant jobs alike, before any tenant context",
};
export * from "./workflow";
