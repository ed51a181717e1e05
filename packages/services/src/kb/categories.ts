// Knowledge-base categories: list, create, update, delete (only when empty), reorder.
import { asc, count, eq, kbArticles, kbCategories, sql } from "@supportdesk/database";
import { audit } from "../audit";
import { authorize, type TenantScope } from "../context";
import { AppError, notFound } from "../errors";
import { categoryColumns, slugFor, slugTaken } from "./shared";

/** The categories in help-centre order, each with how many articles it holds by status. */
export async function listCategories(scope: TenantScope) {
  authorize(scope, "kb.read");
  const [rows, counts] = await Promise.all([
    scope.tx
      .select(categoryColumns)
      .from(kbCategories)
      .orderBy(asc(kbCategories.position), asc(kbCategories.name)),
    scope.tx
      .select({ categoryId: kbArticles.categoryId, status: kbArticles.status, n: count() })
      .from(kbArticles)
      .groupBy(kbArticles.categoryId, kbArticles.status),
  ]);
  return rows.map((row) => {
    const mine = counts.filter((c) => c.categoryId === row.id);
    const of = (status: string) => mine.find((c) => c.status === status)?.n ?? 0;
    return {
      ...row,
      articles: { published: of("published"), draft: of("draft"), archived: of("archived") },
    };
  });
}

export type CategoryInput = {
  name: string;
  slug?: string | undefined;
  description?: string | undefined;
};

/** A new category, last in order. */
export async function createCategory(scope: TenantScope, input: CategoryInput) {
  authorize(scope, "kb.write");
  const [last] = await scope.tx
    .select({ max: sql<number | null>`max(${kbCategories.position})` })
    .from(kbCategories);
  const [row] = await scope.tx
    .insert(kbCategories)
    .values({
      name: input.name.trim(),
      slug: slugFor(input.slug, input.name),
      description: input.description?.trim() ?? "",
      position: (last?.max ?? -1) + 1,
    })
    .returning(categoryColumns)
    .catch(slugTaken("category"));
  if (!row) throw new Error("category insert returned nothing");
  await audit(scope, "kb.category.create", { type: "kb_category", id: row.id }, { slug: row.slug });
  return row;
}

export async function updateCategory(
  scope: TenantScope,
  input: Partial<CategoryInput> & { id: string },
) {
  authorize(scope, "kb.write");
  const [row] = await scope.tx
    .update(kbCategories)
    .set({
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.slug !== undefined ? { slug: slugFor(input.slug, input.name ?? input.slug) } : {}),
      ...(input.description !== undefined ? { description: input.description.trim() } : {}),
      updatedAt: new Date(),
    })
    .where(eq(kbCategories.id, input.id))
    .returning(categoryColumns)
    .catch(slugTaken("category"));
  if (!row) throw notFound("Category");
  await audit(
    scope,
    "kb.category.update",
    { type: "kb_category", id: row.id },
    {
      fields: Object.keys(input).filter((k) => k !== "id"),
    },
  );
  return row;
}

/** Deletes an empty category; one that still holds articles says how many to move first. */
export async function deleteCategory(scope: TenantScope, input: { id: string }) {
  authorize(scope, "kb.write");
  const [held] = await scope.tx
    .select({ n: count() })
    .from(kbArticles)
    .where(eq(kbArticles.categoryId, input.id));
  if ((held?.n ?? 0) > 0) {
    throw new AppError(
      "PRECONDITION_FAILED",
      `This category still holds ${held?.n} article${held?.n === 1 ? "" : "s"}: move or delete them first.`,
      { field: "id" },
    );
  }
  const rows = await scope.tx
    .delete(kbCategories)
    .where(eq(kbCategories.id, input.id))
    .returning({ id: kbCategories.id });
  if (rows.length === 0) throw notFound("Category");
  await audit(scope, "kb.category.delete", { type: "kb_category", id: input.id });
}

/** Puts the categories in the given order (every category of the tenant, each once). */
export async function reorderCategories(scope: TenantScope, input: { ids: string[] }) {
  authorize(scope, "kb.write");
  const existing = await scope.tx.select({ id: kbCategories.id }).from(kbCategories);
  const known = new Set(existing.map((r) => r.id));
  const given = new Set(input.ids);
  if (
    given.size !== input.ids.length ||
    given.size !== known.size ||
    input.ids.some((id) => !known.has(id))
  ) {
    throw new AppError("BAD_REQUEST", "ids must list every category of this knowledge base once.", {
      field: "ids",
    });
  }
  for (const [position, id] of input.ids.entries()) {
    await scope.tx
      .update(kbCategories)
      .set({ position, updatedAt: new Date() })
      .where(eq(kbCategories.id, id));
  }
  await audit(scope, "kb.category.reorder", null, { ids: input.ids });
  return listCategories(scope);
}
