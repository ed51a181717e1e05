// Opening a tenant: the domain's slug rules, the insert with its first owner, the first audit row.
import {
  bindTenant,
  createTenant,
  DatabaseInputError,
  type Executor,
  isSlugAvailable,
  type TenantDb,
} from "@supportdesk/database";
import { checkSlug } from "@supportdesk/domain";
import { audit } from "./audit";
import type { Actor } from "./context";
import { AppError } from "./errors";

/** Which inputs the errors name: `slug`/`name` here, `tenantSlug`/`tenantName` in sign-up. */
export type TenantFields = { slug: string; name: string };

/**
 * Refuses a slug that breaks the domain's rules (reserved names included) or is taken, naming
 * `field`: checked before anything else is written.
 */
export async function assertSlugUsable(tx: Executor, slug: string, field = "slug"): Promise<void> {
  const rule = checkSlug(slug);
  if (!rule.ok) throw new AppError("BAD_REQUEST", `Subdomain ${rule.message}.`, { field });
  if (!(await isSlugAvailable(tx, slug))) {
    throw new AppError("CONFLICT", "That subdomain is taken.", { field });
  }
}

/**
 * Creates a tenant owned by `actor.userId` inside `tx` (a platform transaction, typed like the
 * tenant handle it becomes), binds `tx` to
 * it and writes its first audit row there, so the tenant, its owner and the row commit together.
 */
export async function openTenant(
  tx: TenantDb,
  actor: Actor & { userId: string },
  input: { name: string; slug: string },
  fields: TenantFields = { slug: "slug", name: "name" },
) {
  await assertSlugUsable(tx, input.slug, fields.slug);
  const tenant = await createTenant(tx, { ...input, ownerUserId: actor.userId }).catch(
    (error: unknown) => {
      if (!(error instanceof DatabaseInputError)) throw error;
      const onSlug = error.field === "slug";
      throw new AppError(
        error.code === "SLUG_TAKEN" ? "CONFLICT" : "BAD_REQUEST",
        onSlug && error.code === "SLUG_TAKEN" ? "That subdomain is taken." : error.message,
        { field: onSlug ? fields.slug : fields.name, cause: error },
      );
    },
  );
  await bindTenant(tx, tenant.id);
  await audit({ tx, actor }, "tenant.create", { type: "tenant", id: tenant.id });
  return tenant;
}
