// Creating tenants: the insert, its first owner, and what the database refuses (a taken slug, a
// slug that is no DNS label). The full slug rules, reserved names included, are the domain's.
import { eq } from "drizzle-orm";
import type { Executor } from "./client";
import { DatabaseInputError } from "./errors";
import { type TenantRole, tenants, userTenantRoles } from "./schema";

/** True when no tenant uses `slug` yet (the slug's rules are checked separately). */
export async function isSlugAvailable(db: Executor, slug: string): Promise<boolean> {
  const rows = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug));
  return rows.length === 0;
}

/** The slug check constraint's refusal, as the input error it is. */
function refusedSlug(error: unknown): never {
  const pg = ((error as { cause?: unknown }).cause ?? error) as {
    code?: string;
    constraint_name?: string;
  };
  if (pg.code === "23514" && pg.constraint_name === "tenants_slug_check") {
    throw new DatabaseInputError(
      "SLUG_INVALID",
      "slug",
      "slug must be a DNS label: 2 to 63 lowercase letters, digits and hyphens, starting with a letter",
    );
  }
  throw error;
}

export type CreateTenantInput = {
  slug: string;
  name: string;
  plan?: "free" | "pro" | "enterprise";
  status?: "active" | "trial";
  /** Becomes the tenant's first owner, in the same transaction. */
  ownerUserId?: string;
};

export type Tenant = typeof tenants.$inferSelect;

/**
 * Creates a tenant (and its first owner). Check the slug with the domain's `checkSlug` first (the
 * services do); the database itself refuses only a slug that is no DNS label. Pass a
 * transaction to make it part of a larger write, such as registration.
 *
 * @throws DatabaseInputError `SLUG_INVALID`, `SLUG_TAKEN` (field `slug`) or `NAME_INVALID`
 *   (field `name`).
 * @example
 * const tenant = await createTenant(db.platform, { slug: "acme", name: "Acme", ownerUserId });
 */
export async function createTenant(db: Executor, input: CreateTenantInput): Promise<Tenant> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) {
    throw new DatabaseInputError("NAME_INVALID", "name", "name must be 1 to 100 characters long");
  }
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(tenants)
      .values({
        slug: input.slug,
        name,
        plan: input.plan ?? "free",
        status: input.status ?? "active",
      })
      .onConflictDoNothing({ target: tenants.slug })
      .returning()
      .catch(refusedSlug);
    const tenant = inserted[0];
    if (!tenant) {
      throw new DatabaseInputError("SLUG_TAKEN", "slug", `slug "${input.slug}" is already taken`);
    }
    if (input.ownerUserId) {
      await tx.insert(userTenantRoles).values({
        userId: input.ownerUserId,
        tenantId: tenant.id,
        role: "owner" satisfies TenantRole,
      });
    }
    return tenant;
  });
}
