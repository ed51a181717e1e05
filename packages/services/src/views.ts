// Saved views: a name, filters and a sort, personal or shared with the tenant; live counts.
// Anyone who reads tickets keeps their own views; the shared ones need `view.manage` as well.
import { eq, isNull, savedViews, sql } from "@supportdesk/database";
import type { TicketSort } from "@supportdesk/domain";
import { audit } from "./audit";
import { authorize, type TenantScope } from "./context";
import { AppError } from "./errors";
import { checkFilters, type ViewFilters } from "./views-filters";
import {
  assertNameFree,
  checkName,
  checkSort,
  findView,
  onNameViolation,
  personalOwner,
  toView,
  viewColumns,
  visibleTo,
} from "./views-rules";

export { COUNT_CAP, COUNTS_TTL_SECONDS, type CountsCache, viewCounts } from "./views-counts";
export { readFilters, type ViewFilters } from "./views-filters";
export { NAME_MAX, type View } from "./views-rules";

/** The shared views and the caller's own, by position then name; `shared` tells them apart. */
export async function listViews(scope: TenantScope) {
  authorize(scope, "ticket.read");
  const rows = await scope.tx
    .select(viewColumns)
    .from(savedViews)
    .where(visibleTo(scope))
    .orderBy(savedViews.position, sql`lower(${savedViews.name})`, savedViews.id);
  return rows.map(toView);
}

export type ViewInput = {
  name: string;
  filters?: Record<string, unknown> | ViewFilters | undefined;
  sort?: TicketSort | undefined;
  /** Shared with the tenant (needs `view.manage`), or the caller's own (the default). */
  shared?: boolean | undefined;
};

/** The next position among one owner's views (a new view goes last). */
async function nextPosition(scope: TenantScope, ownerUserId: string | null) {
  const [row] = await scope.tx
    .select({ next: sql<number>`coalesce(max(${savedViews.position}) + 1, 0)::int` })
    .from(savedViews)
    .where(ownerUserId ? eq(savedViews.ownerUserId, ownerUserId) : isNull(savedViews.ownerUserId));
  return row?.next ?? 0;
}

/** Saves a view: the caller's own, or a shared one (`view.manage`). */
export async function createView(scope: TenantScope, input: ViewInput) {
  authorize(scope, "ticket.read");
  const shared = input.shared ?? false;
  if (shared) authorize(scope, "view.manage");
  const ownerUserId = shared ? null : personalOwner(scope);
  const name = checkName(input.name);
  const sort = checkSort(input.sort ?? "newest");
  const filters = await checkFilters(scope, (input.filters ?? {}) as Record<string, unknown>);
  await assertNameFree(scope, name, ownerUserId);
  const [row] = await scope.tx
    .insert(savedViews)
    .values({
      name,
      filters,
      sort,
      ownerUserId,
      position: await nextPosition(scope, ownerUserId),
      createdByUserId: scope.actor.userId,
    })
    .returning(viewColumns)
    .catch(onNameViolation(ownerUserId));
  if (!row) throw new Error("view insert returned nothing");
  await audit(scope, "view.create", { type: "saved_view", id: row.id }, { name, shared });
  return toView(row);
}

/**
 * Edits a view the caller can see; a shared one, or making one shared or personal again, needs
 * `view.manage` too. Made personal, it becomes the caller's own. `filters` replaces all.
 */
export async function updateView(
  scope: TenantScope,
  input: Partial<ViewInput> & { id: string; position?: number | undefined },
) {
  authorize(scope, "ticket.read");
  const current = await findView(scope, input.id, { forUpdate: true });
  const wasShared = current.ownerUserId === null;
  const shared = input.shared ?? wasShared;
  if (wasShared || shared) authorize(scope, "view.manage");
  const ownerUserId = shared ? null : wasShared ? personalOwner(scope) : current.ownerUserId;
  const name = input.name !== undefined ? checkName(input.name) : current.name;
  const sort = input.sort !== undefined ? checkSort(input.sort) : undefined;
  const filters =
    input.filters !== undefined
      ? await checkFilters(scope, input.filters as Record<string, unknown>)
      : undefined;
  if (input.position !== undefined && !(Number.isInteger(input.position) && input.position >= 0)) {
    throw new AppError("BAD_REQUEST", "position must be a whole number, 0 or more.", {
      field: "position",
    });
  }
  await assertNameFree(scope, name, ownerUserId, current.id);
  const [row] = await scope.tx
    .update(savedViews)
    .set({
      name,
      ownerUserId,
      ...(sort !== undefined ? { sort } : {}),
      ...(filters !== undefined ? { filters } : {}),
      ...(input.position !== undefined ? { position: input.position } : {}),
      updatedAt: new Date(),
    })
    .where(eq(savedViews.id, current.id))
    .returning(viewColumns)
    .catch(onNameViolation(ownerUserId));
  if (!row) throw new Error("view update returned nothing");
  await audit(
    scope,
    "view.update",
    { type: "saved_view", id: row.id },
    { fields: Object.keys(input).filter((key) => key !== "id"), shared },
  );
  return toView(row);
}

/** Deletes a view the caller can see (a shared one needs `view.manage` too). */
export async function deleteView(scope: TenantScope, input: { id: string }) {
  authorize(scope, "ticket.read");
  const current = await findView(scope, input.id, { forUpdate: true });
  const shared = current.ownerUserId === null;
  if (shared) authorize(scope, "view.manage");
  await scope.tx.delete(savedViews).where(eq(savedViews.id, current.id));
  await audit(
    scope,
    "view.delete",
    { type: "saved_view", id: current.id },
    { name: current.name, shared },
  );
  return { ok: true as const };
}
