// Merging, the parts without React: which tickets or customers a merge may target, what the
// dialog warns about, and the note the target shows when someone followed a merged ticket's link.

/** Where a merged ticket's page sends people, carrying the source's number for the note there. */
export type MergedFromState = { mergedFrom: number };

/** The tickets a ticket may be merged into: not itself, and none merged already (those are closed pointers). */
export function mergeTargets<T extends { id: string; mergedIntoId: string | null }>(
  rows: readonly T[],
  sourceId: string,
): T[] {
  return rows.filter((row) => row.id !== sourceId && row.mergedIntoId === null);
}

/** The customers a customer may be merged into: any other. */
export function customerMergeTargets<T extends { id: string }>(
  rows: readonly T[],
  sourceId: string,
): T[] {
  return rows.filter((row) => row.id !== sourceId);
}

/**
 * What happens to the people when `source` is merged into `target`: null when it is the same
 * customer (or the source has none); otherwise who is copied and told.
 */
export function customerWarning(
  source: { customerId: string | null },
  target: { number: number; customerId: string | null; customerName: string | null },
): string | null {
  if (!source.customerId || source.customerId === target.customerId) return null;
  if (!target.customerId) {
    return `#${target.number} has no customer yet: it takes this ticket's customer.`;
  }
  return `#${target.number} belongs to ${target.customerName ?? "another customer"}. This ticket's customer will be copied on #${target.number} and emailed once that the conversation continues there.`;
}

/** The source's number from a navigation's state, when it came from a merged ticket's redirect. */
export function mergedFromOf(state: unknown): number | null {
  if (typeof state !== "object" || state === null || !("mergedFrom" in state)) return null;
  const value = (state as { mergedFrom: unknown }).mergedFrom;
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : null;
}
