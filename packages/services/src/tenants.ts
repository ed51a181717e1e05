// Tenants as their members manage them: create, switch, update settings, delete.
import {
  bindTenant,
  checkSlug,
  createTenant,
  type Database,
  eq,
  isSlugAvailable,
  sessions,
  type TenantSettings,
  tenants,
} from "@supportdesk/database";
import { audit } from "./audit";
import type { Actor, TenantScope } from "./context";
import { AppError, notFound } from "./errors";

/** Whether a slug can be used for a new tenant, and if not, why (for live form feedback). */
export async function checkSlugAvailability(db: Database, slug: string) {
  const rule = checkSlug(slug);
  if (!rule.ok) return { available: false, reason: `Subdomain ${rule.message}.` };
  if (!(await isSlugAvailable(db.platform, slug))) {
    return { available: false, reason: "That subdomain is taken." };
  }
  return { available: true, reason: null };
}

/** Creates another tenant owned by the signed-in user; audited inside the new tenant. */
export async function createOwnedTenant(
  db: Database,
  actor: Actor & { userId: string },
  input: { name: string; slug: string },
) {
  return db.platform.transaction(async (tx) => {
    const tenant = await createTenant(tx, { ...input, ownerUserId: actor.userId }).catch(
      (error: unknown) => {
        if (error instanceof Error && "code" in error && "field" in error) {
          const code = error.code === "SLUG_TAKEN" ? "CONFLICT" : "BAD_REQUEST";
          throw new AppError(code, error.message, { field: String(error.field), cause: error });
        }
        throw error;
      },
    );
    await bindTenant(tx, tenant.id);
    await audit({ tx, tenantId: tenant.id, role: "owner", actor }, "tenant.create", {
      type: "tenant",
      id: tenant.id,
    });
    return { id: tenant.id, name: tenant.name, slug: tenant.slug, role: "owner" as const };
  });
}

/** The tenant's public face for its members (no internal fields). */
export async function currentTenant(scope: TenantScope) {
  const [tenant] = await scope.tx
    .select({
      id: tenants.id,
      slug: tenants.slug,
      name: tenants.name,
      plan: tenants.plan,
      status: tenants.status,
      settings: tenants.settings,
      customDomain: tenants.customDomain,
      createdAt: tenants.createdAt,
    })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId));
  if (!tenant) throw notFound("Tenant");
  return { ...tenant, role: scope.role };
}

/** Remembers `tenantId` as the session's default tenant (membership is checked by the caller). */
export async function switchTenant(db: Database, sessionId: string, tenantId: string) {
  await db.platform
    .update(sessions)
    .set({ currentTenantId: tenantId })
    .where(eq(sessions.id, sessionId));
}

type Branding = NonNullable<TenantSettings["branding"]>;

export type TenantUpdate = {
  name?: string | undefined;
  /** A field set to null is cleared (back to the platform's default); one left out is kept. */
  branding?: { [K in keyof Branding]?: Branding[K] | null } | undefined;
};

/** The branding after an update: given fields replace, null ones go. */
function mergeBranding(current: Branding | undefined, patch: TenantUpdate["branding"]): Branding {
  const merged: Record<string, string | null | undefined> = { ...current, ...patch };
  for (const key of Object.keys(merged)) if (merged[key] == null) delete merged[key];
  return merged as Branding;
}

/** Updates name and branding (admins). */
export async function updateTenant(scope: TenantScope, input: TenantUpdate) {
  const [current] = await scope.tx
    .select({ settings: tenants.settings })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId));
  if (!current) throw notFound("Tenant");
  const settings: TenantSettings = input.branding
    ? { ...current.settings, branding: mergeBranding(current.settings.branding, input.branding) }
    : current.settings;
  await scope.tx
    .update(tenants)
    .set({ ...(input.name ? { name: input.name.trim() } : {}), settings })
    .where(eq(tenants.id, scope.tenantId));
  await audit(
    scope,
    "tenant.update",
    { type: "tenant", id: scope.tenantId },
    {
      fields: Object.keys(input).filter((k) => input[k as keyof TenantUpdate] !== undefined),
    },
  );
  return currentTenant(scope);
}

/** Deletes the tenant and all its data (owners; the slug must be typed to confirm). */
export async function deleteTenant(scope: TenantScope, input: { confirmSlug: string }) {
  const [tenant] = await scope.tx
    .select({ slug: tenants.slug })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId));
  if (!tenant) throw notFound("Tenant");
  if (tenant.slug !== input.confirmSlug) {
    throw new AppError("BAD_REQUEST", `Type the subdomain "${tenant.slug}" to confirm deletion.`, {
      field: "confirmSlug",
    });
  }
  await scope.tx.delete(tenants).where(eq(tenants.id, scope.tenantId));
}
