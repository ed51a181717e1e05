// zod inputs of the knowledge-base procedures.
import { KB_ARTICLE_STATUSES } from "@supportdesk/domain";
import { z } from "zod";
import { cursor, id, perPage } from "../schemas";

/** Control characters other than tab, line feed and carriage return. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127) return true;
  }
  return false;
}

/** Text an author writes: tabs and line breaks, but no other control characters. */
const prose = (max: number) =>
  z
    .string()
    .max(max)
    .refine((text) => !hasControlCharacter(text), { error: "must not contain control characters" });

export const slug = z
  .string()
  .trim()
  .toLowerCase()
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: "may hold lowercase letters, digits and single hyphens",
  });
export const title = prose(200).pipe(z.string().trim().min(1, { error: "is required" }));
export const body = prose(100_000);
export const excerpt = prose(500);
export const status = z.enum(KB_ARTICLE_STATUSES);

export const categoryInput = z.object({
  name: prose(100).pipe(z.string().trim().min(1, { error: "is required" })),
  slug: slug.optional(),
  description: prose(500).optional(),
});

export const articleInput = z.object({
  title,
  body,
  slug: slug.optional(),
  excerpt: excerpt.optional(),
  categoryId: id.nullable().optional(),
});

export const listArticlesInput = z
  .object({
    cursor,
    perPage,
    status: z.array(status).max(3).optional(),
    categoryId: id.optional(),
  })
  .default({ perPage: 25 });

export const searchInput = z.object({
  q: prose(200).pipe(z.string().trim().min(1, { error: "is required" })),
  limit: z.number().int().min(1).max(50).default(10),
  status: z.array(status).max(3).optional(),
  categoryId: id.optional(),
});
