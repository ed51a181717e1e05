// Saved views' rules: who sees which (the shared ones and the acting agent's own), the checks on a
// name and a sort, and the shape a view is answered with.
import { and, eq, isUuid, savedViews } from "@supportdesk/database";
import { TICKET_SORTS, type TicketSort } from "@supportdesk/domain";
import type { TenantScope } from "./context";
import { AppError, notFound } from "./errors";
import { ownedRecords } from "./owned-records";
import { readFilters } from "./views-filters";

export const NAME_MAX = 80;

/** The columns read from a saved view (explicit: nothing else is sent). */
export const viewColumns = {
  id: savedViews.id,
  name: savedViews.name,
  filters: savedViews.filters,
  sort: savedViews.sort,
  position: savedViews.position,
  ownerUserId: savedViews.ownerUserId,
  createdAt: savedViews.createdAt,
  updatedAt: savedViews.updatedAt,
};
export type ViewRow = {
  id: string;
  name: string;
  filters: Record<string, unknown>;
  sort: string;
  position: number;
  ownerUserId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** A view as clients get it: `shared` with the tenant, or the caller's own. */
export function toView(row: ViewRow) {
  return {
    id: row.id,
    name: row.name,
    filters: readFilters(row.filters),
    sort: readSort(row.sort),
    position: row.position,
    shared: row.ownerUserId === null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type View = ReturnType<typeof toView>;

/** Who sees which views, who owns a personal one, names unique per owner. */
export const { visibleTo, personalOwner, checkName, assertNameFree, onNameViolation } =
  ownedRecords(savedViews, { thing: "view", things: "views", nameMax: NAME_MAX });

/** A view the actor may see, or NOT_FOUND (another agent's own is as good as missing). */
export async function findView(
  scope: Pick<TenantScope, "tx" | "actor">,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ViewRow> {
  if (!isUuid(id)) throw notFound("View");
  const query = scope.tx
    .select(viewColumns)
    .from(savedViews)
    .where(and(eq(savedViews.id, id), visibleTo(scope)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("View");
  return row;
}

export function checkSort(sort: string): TicketSort {
  if (!(TICKET_SORTS as readonly string[]).includes(sort)) {
    throw new AppError("BAD_REQUEST", `sort must be one of ${TICKET_SORTS.join(", ")}.`, {
      field: "sort",
    });
  }
  return sort as TicketSort;
}

/** A stored sort, or "newest" if the column holds something else. */
export function readSort(raw: string): TicketSort {
  return (TICKET_SORTS as readonly string[]).includes(raw) ? (raw as TicketSort) : "newest";
}
