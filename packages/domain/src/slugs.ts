// Tenant slugs: DNS labels (`acme.<platform domain>`), their rules, and the one `slugify`.

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
  "hc",
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

/** The longest slug (a DNS label). */
export const SLUG_MAX_LENGTH = 63;
/** `slugify` stops here, leaving room for the `-2`, `-3`, … that make a suggestion unique. */
const SLUGIFY_MAX_LENGTH = 50;

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
  if (slug.length < 2 || slug.length > SLUG_MAX_LENGTH) {
    return invalid(`must be 2 to ${SLUG_MAX_LENGTH} characters long`);
  }
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

/**
 * "Acme Corp!" → "acme-corp": a valid slug suggested from a name (the server then makes it
 * unique; the sign-up form shows the same suggestion as people type).
 */
export function slugify(name: string): string {
  const cut = (s: string) => s.slice(0, SLUGIFY_MAX_LENGTH).replace(/-+$/, "");
  const base = cut(
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^[^a-z]+/, "")
      .replace(/-+$/, ""),
  );
  return checkSlug(base).ok ? base : cut(`org-${base}`);
}

/**
 * "How do I return an item?" → "how-do-i-return-an-item": a path segment for an article or a
 * category (lowercase letters, digits and hyphens; at most `max` characters, cut at a hyphen).
 */
export function pathSlug(text: string, max = 80): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > max / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, "");
}

/** A path slug's shape: what `pathSlug` makes, and what an author may type instead. */
export const PATH_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
