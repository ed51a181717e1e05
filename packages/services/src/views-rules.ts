// Saved views' rules: who sees which (the shared ones and the acting agent's own), the checks on a
// name and a sort, and the shape a view is answered with.
import { and, eq, isNull, isUuid, ne, or, type SQL, savedViews, sql } from "@supportdesk/database";
import { TICKET_SORTS, type TicketSort } from "@supportdesk/domain";
import type { TenantScope } from "./context";
import { AppError, notFound } from "./errors";
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

/** The views the actor may see: the shared ones and their own (an API key: shared only). */
export function visibleTo(scope: Pick<TenantScope, "actor">): SQL | undefined {
  const me = scope.actor.userId;
  return me
    ? or(isNull(savedViews.ownerUserId), eq(savedViews.ownerUserId, me))
    : isNull(savedViews.ownerUserId);
}

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

/** The acting user, who owns personal views; an API key has none. */
export function personalOwner(scope: Pick<TenantScope, "actor">): string {
  if (!scope.actor.userId) {
    throw new AppError(
      "BAD_REQUEST",
      "An API key has no views of its own: make the view shared (shared: true).",
      { field: "shared" },
    );
  }
  return scope.actor.userId;
}

export function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new AppError("BAD_REQUEST", "name is required.", { field: "name" });
  if (trimmed.length > NAME_MAX) {
    throw new AppError("BAD_REQUEST", `name must be at most ${NAME_MAX} characters.`, {
      field: "name",
    });
  }
  return trimmed;
}

export function checkSort(sort: string): TicketSort {
  if (!(TICKET_SORTS as readonly string[]).includes(sort)) {
    throw new AppError("BAD_REQUEST", `sort must be one of ${TICKET_SORTS.join(", ")}.`, {
      field: "sort",
    });
  }
  return sort as TicketSort;
}

/** Refuses a name the same owner already uses, whatever its case (CONFLICT on `name`). */
export async function assertNameFree(
  scope: Pick<TenantScope, "tx">,
  name: string,
  ownerUserId: string | null,
  exceptId?: string,
) {
  const [taken] = await scope.tx
    .select({ id: savedViews.id })
    .from(savedViews)
    .where(
      and(
        sql`lower(${savedViews.name}) = lower(${name})`,
        ownerUserId ? eq(savedViews.ownerUserId, ownerUserId) : isNull(savedViews.ownerUserId),
        exceptId ? ne(savedViews.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (taken) nameTaken(ownerUserId);
}

function nameTaken(ownerUserId: string | null): never {
  throw new AppError(
    "CONFLICT",
    ownerUserId
      ? "You already have a view with that name; choose another."
      : "A shared view with that name already exists; choose another.",
    { field: "name" },
  );
}

/** Maps the unique-name violation of a racing save to the same CONFLICT. */
export function onNameViolation(ownerUserId: string | null) {
  return (error: unknown): never => {
    const code =
      (error as { code?: string; cause?: { code?: string } }).cause?.code ??
      (error as { code?: string }).code;
    if (code === "23505") nameTaken(ownerUserId);
    throw error;
  };
}

/** A stored sort, or "newest" if the column holds something else. */
export function readSort(raw: string): TicketSort {
  return (TICKET_SORTS as readonly string[]).includes(raw) ? (raw as TicketSort) : "newest";
}
