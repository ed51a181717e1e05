// Suggesting a free, valid slug from an organisation's name.
import { type Executor, isSlugAvailable } from "@supportdesk/database";
import { checkSlug, slugify } from "@supportdesk/domain";

export { slugify };

/** The name's slug, or the first of `slug-2`, `slug-3`, … that is valid and free. */
export async function uniqueSlugFor(db: Executor, name: string): Promise<string> {
  const base = slugify(name);
  for (let n = 1; n < 50; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (checkSlug(candidate).ok && (await isSlugAvailable(db, candidate))) return candidate;
  }
  return `${base}-${crypto.randomUUID().slice(0, 8)}`;
}
