// What the knowledge-base services share: the help centre's language, slug checks, columns.
import { eq, kbArticles, kbCategories, type TenantDb, tenants } from "@supportdesk/database";
import { PATH_SLUG_PATTERN, pathSlug } from "@supportdesk/domain";
import { AppError } from "../errors";

/** Help-centre languages and the PostgreSQL text-search configuration each one stems with. */
export const SEARCH_CONFIGS: Readonly<Record<string, string>> = {
  en: "english",
  de: "german",
  fr: "french",
  es: "spanish",
  it: "italian",
  nl: "dutch",
  pt: "portuguese",
  sv: "swedish",
  da: "danish",
  fi: "finnish",
  nb: "norwegian",
  ru: "russian",
  tr: "turkish",
};

/** The text-search configuration of the tenant's help centre (English when it names none). */
export async function searchConfigOf(tx: TenantDb, tenantId: string): Promise<string> {
  const [row] = await tx
    .select({ settings: tenants.settings })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  const language = (row?.settings.helpCentre as { language?: string } | undefined)?.language;
  return SEARCH_CONFIGS[language ?? "en"] ?? "english";
}

/** The slug an author gave, or one made from `from`; refused naming `field` when unusable. */
export function slugFor(given: string | undefined, from: string, field = "slug"): string {
  const slug = given?.trim() || pathSlug(from);
  if (!PATH_SLUG_PATTERN.test(slug) || slug.length > 120) {
    throw new AppError(
      "BAD_REQUEST",
      `${field} may hold lowercase letters, digits and single hyphens (at most 120 characters).`,
      { field },
    );
  }
  return slug;
}

/** Postgres' unique violation on one of the knowledge base's slug keys, as a CONFLICT. */
export function slugTaken(what: string, field = "slug") {
  return (error: unknown): never => {
    const cause = ((error as { cause?: unknown }).cause ?? error) as { code?: string };
    if (cause.code === "23505") {
      throw new AppError("CONFLICT", `Another ${what} already uses that slug.`, { field });
    }
    throw error;
  };
}

export const categoryColumns = {
  id: kbCategories.id,
  name: kbCategories.name,
  slug: kbCategories.slug,
  description: kbCategories.description,
  position: kbCategories.position,
  createdAt: kbCategories.createdAt,
  updatedAt: kbCategories.updatedAt,
};

/** An article as lists show it (no body). */
export const articleSummaryColumns = {
  id: kbArticles.id,
  categoryId: kbArticles.categoryId,
  title: kbArticles.title,
  slug: kbArticles.slug,
  excerpt: kbArticles.excerpt,
  status: kbArticles.status,
  authorId: kbArticles.authorId,
  publishedAt: kbArticles.publishedAt,
  viewCount: kbArticles.viewCount,
  helpfulCount: kbArticles.helpfulCount,
  notHelpfulCount: kbArticles.notHelpfulCount,
  createdAt: kbArticles.createdAt,
  updatedAt: kbArticles.updatedAt,
};
