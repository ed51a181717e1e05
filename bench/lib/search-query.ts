// The SQL behind search.query (type "tickets"), captured from the service itself for pgbench.
import { search } from "@supportdesk/services";
import { captureQuery } from "./query";

export type CapturedSearch = { text: string; params: unknown[]; hits: number };

/** The ranked-tickets statement of a first page of `q` (20 per page) for `tenantId`. */
export async function captureSearchQuery(
  appUrl: string,
  tenantId: string,
  q: string,
): Promise<CapturedSearch> {
  const captured = await captureQuery(
    appUrl,
    tenantId,
    (scope) => search.searchTickets(scope, { q, limit: 20 }),
    /with page as/i,
  );
  return { ...captured.list, hits: captured.result.items.length };
}
