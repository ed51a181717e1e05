// Suggesting a free, valid slug from an organisation's name.
import { checkSlug, type Executor, isSlugAvailable } from "@supportdesk/database";

/** "Acme Corp!" → "acme-corp" (a DNS label; "org" when nothing usable is left). */
export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .replace(/-+$/, "")
    .slice(0, 50)
    .replace(/-+$/, "");
  return checkSlug(base).ok ? base : `org-${base}`.replace(/-+$/, "").slice(0, 50);
}

/** The name's slug, or the first of `slug-2`, `slug-3`, … that is valid and free. */
export async function uniqueSlugFor(db: Executor, name: string): Promise<string> {
  const base = slugify(name);
  for (let n = 1; n < 50; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (checkSlug(candidate).ok && (await isSlugAvailable(db, candidate))) return candidate;
  }
  return `${base}-${crypto.randomUUID().slice(0, 8)}`;
}
