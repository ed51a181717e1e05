// Creating tenants: slug rules (slugs are DNS labels: `acme.<platform domain>`) and the insert.
import { eq } from "drizzle-orm";
import type { Executor } from "./client";
import { DatabaseInputError } from "./errors";
import { type TenantRole, tenants, userTenantRoles } from "./schema";

/** Names that belong to the platform's own hosts and pages, never to a tenant. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  "about",
  "account",
  "accounts",
  "admin",
  "api",
  "app",
  "apps",
  "assets",
  "auth",
  "billing",
  "blog",
  "cdn",
  "dashboard",
  "dev",
  "docs",
  "email",
  "ftp",
  "help",
  "imap",
  "internal",
  "invite",
  "join",
  "login",
  "logout",
  "mail",
  "mx",
  "ns1",
  "ns2",
  "platform",
  "pop",
  "pop3",
  "root",
  "security",
  "signup",
  "smtp",
  "staging",
  "static",
  "status",
  "support",
  "system",
  "www",
]);

export type SlugCheck =
  | { ok: true }
  | { ok: false; code: "SLUG_INVALID" | "SLUG_RESERVED"; message: string };

/**
 * Checks a slug against the rules, saying which one it breaks.
 *
 * @example
 * checkSlug("acme"); // { ok: true }
 * checkSlug("Acme"); // { ok: false, code: "SLUG_INVALID", message: "…lowercase…" }
 */
export function checkSlug(slug: string): SlugCheck {
  const invalid = (message: string): SlugCheck => ({ ok: false, code: "SLUG_INVALID", message });
  if (slug.length < 2 || slug.length > 63) return invalid("must be 2 to 63 characters long");
  if (!/^[a-z]/.test(slug)) return invalid("must start with a lowercase letter (a-z)");
  if (!/^[a-z0-9-]+$/.test(slug)) {
    return invalid("may contain only lowercase letters, digits and hyphens (a-z, 0-9, -)");
  }
  if (slug.endsWith("-")) return invalid("must not end with a hyphen");
  // `xn--` and other `??--` prefixes are reserved for internationalised domain names (RFC 5891).
  if (slug.slice(2, 4) === "--") return invalid("must not have hyphens in the 3rd and 4th places");
  if (RESERVED_SLUGS.has(slug)) {
    return { ok: false, code: "SLUG_RESERVED", message: `"${slug}" is reserved; choose another` };
  }
  return { ok: true };
}

/** True when no tenant uses `slug` yet (the slug's rules are checked separately). */
export async function isSlugAvailable(db: Executor, slug: string): Promise<boolean> {
  const rows = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug));
  return rows.length === 0;
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
 * Creates a tenant (and its first owner) after checking the slug. Pass a transaction to make it
 * part of a larger write, such as registration.
 *
 * @throws DatabaseInputError `SLUG_INVALID`, `SLUG_RESERVED`, `SLUG_TAKEN` (field `slug`) or
 *   `NAME_INVALID` (field `name`).
 * @example
 * const tenant = await createTenant(db.platform, { slug: "acme", name: "Acme", ownerUserId });
 */
export async function createTenant(db: Executor, input: CreateTenantInput): Promise<Tenant> {
  const check = checkSlug(input.slug);
  if (!check.ok) throw new DatabaseInputError(check.code, "slug", `slug ${check.message}`);
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
      .returning();
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

/** The tenant with this slug, or undefined. */
export async function findTenantBySlug(db: Executor, slug: string): Promise<Tenant | undefined> {
  const rows = await db.select().from(tenants).where(eq(tenants.slug, slug));
  return rows[0];
}
