// API keys: bound to one tenant and a role, shown once, stored as prefix + hash.
import { generateApiKey, parseApiKey } from "@supportdesk/auth-utils";
import {
  alias,
  and,
  apiKeys,
  customRoles,
  type Database,
  desc,
  eq,
  isNull,
  type TenantRole,
  tenants,
  users,
} from "@supportdesk/database";
import { audit } from "./audit";
import { authorize, type TenantScope } from "./context";
import { AppError, notFound } from "./errors";
import { assertNoEscalation, customRoleJoin, resolveRole, roleNameOf, roleRefOf } from "./roles";

/**
 * Creates a key with a built-in role (not owner) or a custom role. Nobody — a person or another
 * key — can mint a key with a permission they lack. The full key is in the answer once only.
 */
export async function createApiKey(
  scope: TenantScope,
  input: { name: string; role: string; expiresAt?: Date | undefined },
) {
  authorize(scope, "apiKey.manage");
  if (input.role === "owner") {
    throw new AppError("BAD_REQUEST", "An API key cannot be an owner.", { field: "role" });
  }
  const role = await resolveRole(scope, input.role);
  assertNoEscalation(scope, role.permissions);
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw new AppError("BAD_REQUEST", "expiresAt must be in the future.", { field: "expiresAt" });
  }
  const generated = generateApiKey();
  const [row] = await scope.tx
    .insert(apiKeys)
    .values({
      tenantId: scope.tenantId,
      name: input.name.trim(),
      prefix: generated.prefix,
      keyHash: generated.hash,
      role: role.role,
      customRoleId: role.customRoleId,
      createdBy: scope.actor.userId,
      createdByApiKeyId: scope.actor.apiKeyId,
      expiresAt: input.expiresAt ?? null,
    })
    .returning({ id: apiKeys.id });
  if (!row) throw new Error("api key insert returned nothing");
  await audit(scope, "api_key.create", { type: "api_key", id: row.id }, { role: role.ref });
  const [created] = await listApiKeys(scope, row.id);
  if (!created) throw new Error("api key vanished after insert");
  return { ...created, key: generated.key };
}

const creatorKeys = alias(apiKeys, "creator_keys");

/** The tenant's keys (prefixes only), each with its role's name and who created it. */
export async function listApiKeys(scope: TenantScope, onlyId?: string) {
  authorize(scope, "apiKey.manage");
  const rows = await scope.tx
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      role: apiKeys.role,
      customRoleId: apiKeys.customRoleId,
      customRoleName: customRoles.name,
      expiresAt: apiKeys.expiresAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      createdAt: apiKeys.createdAt,
      creatorUserId: apiKeys.createdBy,
      creatorUserName: users.name,
      creatorKeyId: apiKeys.createdByApiKeyId,
      creatorKeyName: creatorKeys.name,
    })
    .from(apiKeys)
    .leftJoin(customRoles, customRoleJoin(apiKeys))
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .leftJoin(creatorKeys, eq(creatorKeys.id, apiKeys.createdByApiKeyId))
    .where(and(eq(apiKeys.tenantId, scope.tenantId), onlyId ? eq(apiKeys.id, onlyId) : undefined))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: roleRefOf(row),
    roleName: roleNameOf(row.role, row.customRoleName),
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
    /** A person, or the key that minted this one (a key's name outlives nothing: null if gone). */
    createdBy: row.creatorKeyId
      ? {
          type: "apiKey" as const,
          id: row.creatorKeyId,
          name: row.creatorKeyName ?? "a deleted key",
        }
      : row.creatorUserId
        ? { type: "user" as const, id: row.creatorUserId, name: row.creatorUserName ?? "" }
        : null,
  }));
}

/**
 * Revokes a key at once, and says which still-active keys it created (they stay valid: revoke
 * them too if the creator was compromised).
 */
export async function revokeApiKey(scope: TenantScope, input: { id: string }) {
  authorize(scope, "apiKey.manage");
  const rows = await scope.tx
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.tenantId, scope.tenantId), eq(apiKeys.id, input.id)))
    .returning({ id: apiKeys.id });
  if (rows.length === 0) throw notFound("API key");
  const createdKeys = await scope.tx
    .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.tenantId, scope.tenantId),
        eq(apiKeys.createdByApiKeyId, input.id),
        isNull(apiKeys.revokedAt),
      ),
    );
  await audit(scope, "api_key.revoke", { type: "api_key", id: input.id });
  return { createdKeys };
}

export type ApiKeyPrincipal = {
  apiKeyId: string;
  tenantId: string;
  role: TenantRole;
  customRoleId: string | null;
};

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The tenant and role a presented key grants, or null when it is malformed, unknown, revoked,
 * expired, or its tenant is suspended. Records `lastUsedAt` at most once a minute.
 */
export async function authenticateApiKey(
  db: Database,
  key: string,
): Promise<ApiKeyPrincipal | null> {
  const parsed = parseApiKey(key);
  if (!parsed) return null;
  const [row] = await db.platform
    .select({
      id: apiKeys.id,
      tenantId: apiKeys.tenantId,
      role: apiKeys.role,
      customRoleId: apiKeys.customRoleId,
      revokedAt: apiKeys.revokedAt,
      expiresAt: apiKeys.expiresAt,
      lastUsedAt: apiKeys.lastUsedAt,
      tenantStatus: tenants.status,
    })
    .from(apiKeys)
    .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
    .where(eq(apiKeys.keyHash, parsed.hash));
  const now = Date.now();
  if (!row || row.revokedAt || row.tenantStatus === "suspended") return null;
  if (row.expiresAt && row.expiresAt.getTime() <= now) return null;
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.platform
      .update(apiKeys)
      .set({ lastUsedAt: new Date(now) })
      .where(eq(apiKeys.id, row.id));
  }
  return {
    apiKeyId: row.id,
    tenantId: row.tenantId,
    role: row.role,
    customRoleId: row.customRoleId,
  };
}
