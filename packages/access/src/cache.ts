// Cached lookups behind every request (sessions, tenants, memberships) and their invalidation.
import { platformCache, tenantCache } from "@supportdesk/cache";
import {
  and,
  customRoles,
  eq,
  inArray,
  isUuid,
  sessions,
  sql,
  tenants,
  userTenantRoles,
} from "@supportdesk/database";
import { isBuiltInRole } from "@supportdesk/domain";
import { builtInGrant, type Grant, permissionSet } from "@supportdesk/services";
import type { AccessDeps, TenantSummary } from "./types";

const SESSION_TTL = 5 * 60;
const TENANT_TTL = 60 * 60;
const UNKNOWN_DOMAIN_TTL = 60;
const ROLE_TTL = 10 * 60;
const CUSTOM_ROLE_TTL = 10 * 60;
const NON_MEMBER_TTL = 60;

type SessionState = { userId: string; revoked: boolean; currentTenantId: string | null };

const onError = (deps: AccessDeps) => (error: Error) =>
  deps.log.warn({ err: error.message }, "cache unavailable; reading from the database");

/** Whether a session is live, and its remembered tenant (cached 5 min, dropped on change). */
export async function sessionState(
  deps: AccessDeps,
  sessionId: string,
): Promise<SessionState | undefined> {
  return platformCache(deps.redis, { onError: onError(deps) }).getOrLoad(
    `session:${sessionId}`,
    SESSION_TTL,
    async () => {
      const [row] = await deps.db.platform
        .select({
          userId: sessions.userId,
          revokedAt: sessions.revokedAt,
          currentTenantId: sessions.currentTenantId,
        })
        .from(sessions)
        .where(eq(sessions.id, sessionId));
      return row
        ? {
            userId: row.userId,
            revoked: row.revokedAt !== null,
            currentTenantId: row.currentTenantId,
          }
        : undefined;
    },
  );
}

/** Drops cached session state (after revoking or switching tenant). */
export async function forgetSessions(deps: AccessDeps, sessionIds: string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  await platformCache(deps.redis, { onError: onError(deps) }).del(
    ...sessionIds.map((id) => `session:${id}`),
  );
}

const summaryColumns = {
  id: tenants.id,
  slug: tenants.slug,
  name: tenants.name,
  plan: tenants.plan,
  status: tenants.status,
};

/** What a client may send as a tenant's id, slug or host name; anything else names no tenant. */
const TENANT_HINT = /^[a-z0-9.:-]{1,253}$/i;

/** A tenant by id, slug or host name (cached 1 h; an unknown host name 1 min); undefined when unknown. */
export async function findTenant(
  deps: AccessDeps,
  by: { id: string } | { slug: string } | { domain: string },
): Promise<TenantSummary | undefined> {
  const [kind, value] =
    "id" in by
      ? (["id", by.id] as const)
      : "slug" in by
        ? (["slug", by.slug] as const)
        : (["domain", by.domain.toLowerCase()] as const);
  if (!TENANT_HINT.test(value) || (kind === "id" && !isUuid(value))) return undefined;
  const where =
    kind === "id"
      ? eq(tenants.id, value)
      : kind === "slug"
        ? eq(tenants.slug, value)
        : eq(sql`lower(${tenants.customDomain})`, value);
  const cache = platformCache(deps.redis, { onError: onError(deps) });
  const key = `tenant:${kind}:${value}`;
  const load = async () => {
    const [row] = await deps.db.platform.select(summaryColumns).from(tenants).where(where);
    return row;
  };
  if (kind !== "domain") return cache.getOrLoad(key, TENANT_TTL, load);
  // Any Host header reaches this (the help centre serves custom domains), so a miss is cached
  // too, briefly: a stream of made-up hosts costs Redis reads, not a query each.
  const cached = await cache.get<TenantSummary | null>(key);
  if (cached !== undefined) return cached ?? undefined;
  const row = await load();
  await cache.set(key, row ?? null, row ? TENANT_TTL : UNKNOWN_DOMAIN_TTL);
  return row;
}

/** Drops a tenant's cached lookups (after an update, or with `all`, after deletion). */
export async function forgetTenant(
  deps: AccessDeps,
  tenant: Pick<TenantSummary, "id" | "slug">,
  options: { all?: boolean } = {},
): Promise<void> {
  const cache = platformCache(deps.redis, { onError: onError(deps) });
  await cache.del(`tenant:id:${tenant.id}`, `tenant:slug:${tenant.slug}`);
  // Purges scan Redis and throw when it is down; the 1 h TTL bounds staleness then.
  try {
    await cache.purge("tenant:domain:");
    if (options.all) await tenantCache(deps.redis, tenant.id).purge();
  } catch (error) {
    onError(deps)(error as Error);
  }
}

/**
 * A membership as cached: a built-in role's name, or `custom:<role id>`. Compact, and a value
 * written before custom roles existed ("admin") still reads right.
 */
export type MembershipValue = string;

const membershipValue = (row: { role: string; customRoleId: string | null }): MembershipValue =>
  row.role === "custom" && row.customRoleId ? `custom:${row.customRoleId}` : row.role;

/** A cached membership as clients name the role: a built-in role's name or a custom role's id. */
export const membershipRoleRef = (value: MembershipValue): string =>
  value.startsWith("custom:") ? value.slice("custom:".length) : value;

/**
 * The user's membership in the tenant, or undefined for a non-member. Cached 10 min; "not a
 * member" is cached too (1 min), so realtime fan-out and probing cost no query per non-member.
 * Every path that adds or changes a membership drops the key (`forgetMembership`).
 */
export async function memberRole(
  deps: AccessDeps,
  tenantId: string,
  userId: string,
  /** This key's cache read, when the caller started it earlier (`cachedMemberRole`). */
  cachedRead?: Promise<MembershipValue | null | undefined>,
): Promise<MembershipValue | undefined> {
  const cache = tenantCache(deps.redis, tenantId, { onError: onError(deps) });
  const key = `member:${userId}`;
  const cached = await (cachedRead ?? cache.get<MembershipValue | null>(key));
  if (cached !== undefined) return cached ?? undefined;
  const [row] = await deps.db.platform
    .select({ role: userTenantRoles.role, customRoleId: userTenantRoles.customRoleId })
    .from(userTenantRoles)
    .where(and(eq(userTenantRoles.tenantId, tenantId), eq(userTenantRoles.userId, userId)));
  const value = row ? membershipValue(row) : undefined;
  await cache.set(key, value ?? null, row ? ROLE_TTL : NON_MEMBER_TTL);
  return value;
}

/**
 * Only the cache read of `memberRole` (null: cached non-member; undefined: a miss, or Redis
 * unavailable), to start it alongside other lookups. Never queries the database nor writes the
 * cache: the caller hands the promise to `memberRole` once the tenant is known to exist.
 */
export function cachedMemberRole(
  deps: AccessDeps,
  tenantId: string,
  userId: string,
): Promise<MembershipValue | null | undefined> {
  return tenantCache(deps.redis, tenantId, { onError: onError(deps) }).get<MembershipValue | null>(
    `member:${userId}`,
  );
}

/**
 * The memberships of several users in one tenant (one MGET, then one query for the misses):
 * what the realtime fan-out asks for every event. Non-members map to undefined.
 */
export async function memberRoles(
  deps: AccessDeps,
  tenantId: string,
  userIds: string[],
): Promise<Map<string, MembershipValue | undefined>> {
  const cache = tenantCache(deps.redis, tenantId, { onError: onError(deps) });
  const cached = await cache.getMany<MembershipValue | null>(userIds.map((id) => `member:${id}`));
  const roles = new Map<string, MembershipValue | undefined>();
  const misses: string[] = [];
  userIds.forEach((userId, i) => {
    const hit = cached[i];
    if (hit === undefined) misses.push(userId);
    else roles.set(userId, hit ?? undefined);
  });
  if (misses.length > 0) {
    const rows = await deps.db.platform
      .select({
        userId: userTenantRoles.userId,
        role: userTenantRoles.role,
        customRoleId: userTenantRoles.customRoleId,
      })
      .from(userTenantRoles)
      .where(and(eq(userTenantRoles.tenantId, tenantId), inArray(userTenantRoles.userId, misses)));
    const found = new Map(rows.map((r) => [r.userId, membershipValue(r)]));
    await Promise.all(
      misses.map((userId) => {
        const role = found.get(userId);
        roles.set(userId, role);
        return cache.set(`member:${userId}`, role ?? null, role ? ROLE_TTL : NON_MEMBER_TTL);
      }),
    );
  }
  return roles;
}

/**
 * What a membership (or an API key's role) may do. Built-in roles come from the domain's table
 * at no cost; a custom role's permissions are cached per role (10 min) and dropped when the
 * role is edited (`forgetRole`), so a change applies from the next request.
 */
export async function grantFor(
  deps: AccessDeps,
  tenantId: string,
  membership: { role: string; customRoleId: string | null } | MembershipValue,
): Promise<Grant> {
  const { role, customRoleId } =
    typeof membership === "string"
      ? membership.startsWith("custom:")
        ? { role: "custom", customRoleId: membership.slice("custom:".length) }
        : { role: membership, customRoleId: null }
      : membership;
  if (isBuiltInRole(role)) return builtInGrant(role);
  if (role !== "custom" || !customRoleId || !isUuid(customRoleId)) {
    return { role: "viewer", customRoleId: null, permissions: new Set() };
  }
  const cache = tenantCache(deps.redis, tenantId, { onError: onError(deps) });
  const keys = await cache.getOrLoad<string[]>(`role:${customRoleId}`, CUSTOM_ROLE_TTL, () =>
    deps.db.withTenant(tenantId, async (tx) => {
      const [row] = await tx
        .select({ permissions: customRoles.permissions })
        .from(customRoles)
        .where(eq(customRoles.id, customRoleId));
      // A role deleted under a live membership grants nothing (the FK makes this rare).
      return row?.permissions ?? [];
    }),
  );
  return { role: "custom", customRoleId, permissions: permissionSet(keys ?? []) };
}

/** Drops a custom role's cached permissions after it changes. */
export async function forgetRole(deps: AccessDeps, tenantId: string, roleId: string) {
  await tenantCache(deps.redis, tenantId, { onError: onError(deps) }).del(`role:${roleId}`);
}

/** Drops cached roles, so a demoted or removed member loses access on the next request. */
export async function forgetMembership(
  deps: AccessDeps,
  tenantId: string,
  userIds: string[],
): Promise<void> {
  if (userIds.length === 0) return;
  await tenantCache(deps.redis, tenantId, { onError: onError(deps) }).del(
    ...userIds.map((id) => `member:${id}`),
  );
}
