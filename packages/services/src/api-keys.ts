// API keys: bound to one tenant and a role, shown once, stored as prefix + hash.
import { generateApiKey, parseApiKey } from "@supportdesk/auth-utils";
import {
  and,
  apiKeys,
  type Database,
  desc,
  eq,
  type TenantRole,
  tenants,
} from "@supportdesk/database";
import { audit } from "./audit";
import { roleAtLeast, type TenantScope } from "./context";
import { AppError, notFound } from "./errors";

/** Creates a key; the full key is in the answer once and never again. */
export async function createApiKey(
  scope: TenantScope,
  input: { name: string; role: Exclude<TenantRole, "owner">; expiresAt?: Date | undefined },
) {
  if (!roleAtLeast(scope.role, input.role)) {
    throw new AppError("FORBIDDEN", "A key cannot have more power than its creator.", {
      field: "role",
    });
  }
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
      role: input.role,
      createdBy: scope.actor.userId,
      expiresAt: input.expiresAt ?? null,
    })
    .returning();
  if (!row) throw new Error("api key insert returned nothing");
  await audit(scope, "api_key.create", { type: "api_key", id: row.id }, { role: input.role });
  return { ...present(row), key: generated.key };
}

function present(row: typeof apiKeys.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
  };
}

/** The tenant's keys (prefixes only). */
export async function listApiKeys(scope: TenantScope) {
  const rows = await scope.tx
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.tenantId, scope.tenantId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map(present);
}

/** Revokes a key at once. */
export async function revokeApiKey(scope: TenantScope, input: { id: string }) {
  const rows = await scope.tx
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.tenantId, scope.tenantId), eq(apiKeys.id, input.id)))
    .returning({ id: apiKeys.id });
  if (rows.length === 0) throw notFound("API key");
  await audit(scope, "api_key.revoke", { type: "api_key", id: input.id });
}

export type ApiKeyPrincipal = { apiKeyId: string; tenantId: string; role: TenantRole };

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
  return { apiKeyId: row.id, tenantId: row.tenantId, role: row.role };
}
