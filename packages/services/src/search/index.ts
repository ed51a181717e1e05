// One search over a tenant's tickets, customers and knowledge-base articles: `query` answers one
// type page by page, or ("all") the first results of each type the caller may read.
import { can } from "@supportdesk/domain";
import { authorize, type TenantScope } from "../context";
import { search as searchArticles } from "../kb/search";
import type { TicketFilters } from "../ticket-list";
import { searchCustomers } from "./customers";
import { searchTickets, type TicketSearchSort } from "./tickets";

export { searchCustomers } from "./customers";
export { allTermsQuery, anyTermQuery, searchTerms, ticketNumberOf } from "./terms";
export { searchTickets, type TicketHit } from "./tickets";

export type SearchType = "all" | "tickets" | "customers" | "articles";

/** How many of each other type "all" shows beside the tickets. */
const PREVIEW = 5;

/**
 * Tickets need ticket.read (the procedure's permission); customers and articles join the
 * results for those who may read them (customer.read, kb.read), and are null otherwise.
 */
export async function query(
  scope: TenantScope,
  input: {
    q: string;
    type: SearchType;
    filters?: TicketFilters | undefined;
    sort?: TicketSearchSort | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  authorize(scope, "ticket.read");
  const want = (type: Exclude<SearchType, "all">) => input.type === "all" || input.type === type;
  const cursor = input.type === "all" ? undefined : input.cursor;
  const tickets = want("tickets")
    ? await searchTickets(scope, {
        q: input.q,
        filters: input.filters ?? {},
        sort: input.sort,
        cursor,
        limit: input.limit,
      })
    : null;
  const customers =
    want("customers") && can(scope, "customer.read")
      ? await searchCustomers(scope, {
          q: input.q,
          cursor,
          limit: input.type === "all" ? PREVIEW : input.limit,
        })
      : null;
  const articles =
    want("articles") && can(scope, "kb.read")
      ? {
          items: await searchArticles(scope, {
            q: input.q,
            limit: input.type === "all" ? PREVIEW : Math.min(input.limit, 50),
          }),
          nextCursor: null,
        }
      : null;
  return { q: input.q, type: input.type, tickets, customers, articles };
}
