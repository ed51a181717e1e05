// The matrices' inputs for the merge procedures (spread into INPUTS in test-procedures.ts), and
// the harmless variants the permission matrix calls when a role is allowed (permission-matrix.test.ts).
import type { Ids } from "../test-procedures";

/** A valid merge aimed at the tenant's fixtures: the second ticket / customer into the first. */
export const inputs: Record<string, (ids: Ids) => unknown> = {
  "tickets.merge": (ids) => ({ sourceId: ids.otherTicketId, targetId: ids.ticketId }),
  "customers.merge": (ids) => ({ sourceId: ids.otherCustomerId, targetId: ids.customerId }),
};

/** Unknown sources (NOT_FOUND after the permission check), so allowed roles consume nothing. */
export const harmless: Record<string, (ids: Ids) => unknown> = {
  "tickets.merge": (ids) => ({ sourceId: crypto.randomUUID(), targetId: ids.ticketId }),
  "customers.merge": (ids) => ({ sourceId: crypto.randomUUID(), targetId: ids.customerId }),
};
