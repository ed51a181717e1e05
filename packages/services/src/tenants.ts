// Tenants as their members manage them: create, switch, update settings, delete.
import {
  customRoles,
  type Database,
  eq,
  isSlugAvailable,
  sessions,
  type TenantSettings,
  tenants,
} from "@supportdesk/database";
import { checkSlug, PERMISSION_KEYS } from "@supportdesk/domain";
import { audit } from "./audit";
import { type Actor, authorize, type TenantScope } from "./context";
import { AppError, notFound } from "./errors";
import { roleNameOf } from "./roles";
import { openTenant } from "./tenant-create";

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
    const tenant = await openTenant(tx, actor, input);
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
  // The caller's own grant: the web hides what the server would refuse (`useCan`).
  const [custom] = scope.customRoleId
    ? await scope.tx
        .select({ name: customRoles.name })
        .from(customRoles)
        .where(eq(customRoles.id, scope.customRoleId))
    : [];
  return {
    ...tenant,
    role: scope.customRoleId ?? scope.role,
    roleName: roleNameOf(scope.role, custom?.name),
    permissions: PERMISSION_KEYS.filter((p) => scope.permissions.has(p)),
  };
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
  authorize(scope, "settings.update");
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
  authorize(scope, "tenant.delete");
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
