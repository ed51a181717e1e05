// Records an agent keeps for themselves or the tenant shares (canned replies, saved views): who
// sees them, who owns a personal one, and names unique per owner whatever their case. One set of
// rules, made per table by `ownedRecords`.
import { and, eq, isNull, ne, or, type SQL, sql } from "@supportdesk/database";
import type { TenantScope } from "./context";
import { AppError } from "./errors";

type Column = Parameters<typeof eq>[0];
/** What the rules need of a table: its id, owner (null = shared) and name columns. */
type OwnedTable = { id: Column; ownerUserId: Column; name: Column };

/**
 * @example
 * const rules = ownedRecords(macros, { thing: "canned reply", things: "canned replies", nameMax: 100 });
 */
export function ownedRecords<T extends OwnedTable>(
  table: T,
  words: { thing: string; things: string; nameMax: number },
) {
  const nameTaken = (ownerUserId: string | null): never => {
    throw new AppError(
      "CONFLICT",
      ownerUserId
        ? `You already have a ${words.thing} with that name; choose another.`
        : `A shared ${words.thing} with that name already exists; choose another.`,
      { field: "name" },
    );
  };
  return {
    /** What the actor may see: the shared ones and their own (an API key: shared only). */
    visibleTo(scope: Pick<TenantScope, "actor">): SQL | undefined {
      const me = scope.actor.userId;
      return me
        ? or(isNull(table.ownerUserId), eq(table.ownerUserId, me))
        : isNull(table.ownerUserId);
    },
    /** The acting user, who owns personal ones; an API key has none. */
    personalOwner(scope: Pick<TenantScope, "actor">): string {
      if (!scope.actor.userId) {
        throw new AppError(
          "BAD_REQUEST",
          `An API key has no ${words.things} of its own: make it shared (shared: true).`,
          { field: "shared" },
        );
      }
      return scope.actor.userId;
    },
    checkName(name: string): string {
      const trimmed = name.trim();
      if (!trimmed) throw new AppError("BAD_REQUEST", "name is required.", { field: "name" });
      if (trimmed.length > words.nameMax) {
        throw new AppError("BAD_REQUEST", `name must be at most ${words.nameMax} characters.`, {
          field: "name",
        });
      }
      return trimmed;
    },
    /** Refuses a name the same owner already uses, whatever its case (CONFLICT on `name`). */
    async assertNameFree(
      scope: Pick<TenantScope, "tx">,
      name: string,
      ownerUserId: string | null,
      exceptId?: string,
    ) {
      const [taken] = await scope.tx.execute<{ id: string }>(sql`select 1 as id from ${table}
          where ${and(
            sql`lower(${table.name}) = lower(${name})`,
            ownerUserId ? eq(table.ownerUserId, ownerUserId) : isNull(table.ownerUserId),
            exceptId ? ne(table.id, exceptId) : undefined,
          )} limit 1`);
      if (taken) nameTaken(ownerUserId);
    },
    nameTaken,
    /** Maps the unique-name violation of a racing save to the same CONFLICT. */
    onNameViolation(ownerUserId: string | null) {
      return (error: unknown): never => {
        const code =
          (error as { code?: string; cause?: { code?: string } }).cause?.code ??
          (error as { code?: string }).code;
        if (code === "23505") nameTaken(ownerUserId);
        throw error;
      };
    },
  };
}
