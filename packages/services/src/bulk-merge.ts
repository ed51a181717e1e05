// Bulk merge: several selected tickets merged into one of them, each through `mergeTickets` (so
// each merge moves the conversation, closes the source with a pointer and writes its audit rows).
import { eq, inArray, isUuid, tickets } from "@supportdesk/database";
import type { BulkSkip } from "./bulk";
import { authorize, type TenantScope } from "./context";
import { AppError, notFound } from "./errors";
import { mergeTickets } from "./merge";

/** At most this many tickets merge into one in a call (all in the request's transaction). */
export const BULK_MERGE_MAX = 50;

/**
 * Merges each of `ids` into `targetId`, in order, each in a savepoint: a source that cannot be
 * merged (already merged elsewhere, say) is skipped with the reason and the others go on. An id
 * this tenant has no ticket for is skipped as "not found"; a target it has none for, or sources
 * none of which it has, is NOT_FOUND.
 */
export async function mergeMany(scope: TenantScope, input: { ids: string[]; targetId: string }) {
  authorize(scope, "ticket.merge");
  const sources = [...new Set(input.ids)].filter((id) => id !== input.targetId);
  if (sources.length === 0) {
    throw new AppError("BAD_REQUEST", "ids must name a ticket other than the target.", {
      field: "ids",
    });
  }
  if (sources.length > BULK_MERGE_MAX) {
    throw new AppError("BAD_REQUEST", `ids may name at most ${BULK_MERGE_MAX} tickets.`, {
      field: "ids",
    });
  }
  const [target] = isUuid(input.targetId)
    ? await scope.tx
        .select({ id: tickets.id, number: tickets.number })
        .from(tickets)
        .where(eq(tickets.id, input.targetId))
    : [];
  if (!target) throw notFound("Ticket");
  const valid = sources.filter(isUuid);
  const found = new Set(
    valid.length
      ? (
          await scope.tx.select({ id: tickets.id }).from(tickets).where(inArray(tickets.id, valid))
        ).map((row) => row.id)
      : [],
  );
  if (found.size === 0) throw new AppError("NOT_FOUND", "None of the selected tickets were found.");
  let merged = 0;
  const skipped: BulkSkip[] = [];
  for (const sourceId of sources) {
    if (!found.has(sourceId)) {
      skipped.push({ id: sourceId, reason: "not found" });
      continue;
    }
    try {
      await scope.tx.transaction((tx) =>
        mergeTickets({ ...scope, tx }, { sourceId, targetId: target.id }),
      );
      merged += 1;
    } catch (error) {
      if (!(error instanceof AppError) || error.code === "FORBIDDEN") throw error;
      skipped.push({ id: sourceId, reason: error.message });
    }
  }
  return { targetId: target.id, targetNumber: target.number, merged, skipped };
}
