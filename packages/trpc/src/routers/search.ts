// search: one search over tickets, customers and knowledge-base articles.
import { search } from "@supportdesk/services";
import { z } from "zod";
import { router, tenantProcedure } from "../trpc";
import { cursor, ticketFilters } from "./schemas";

export const searchRouter = router({
  /**
   * Ranked results for `q`: one type page by page (`cursor`), or "all" — the first tickets with
   * the best customers and articles beside them. Ticket filters narrow the tickets.
   */
  query: tenantProcedure
    .meta({ permissions: ["ticket.read"] })
    .input(
      z.object({
        q: z.string().trim().min(1, { error: "is required" }).max(200),
        type: z.enum(["all", "tickets", "customers", "articles"]).default("all"),
        filters: ticketFilters.omit({ q: true }).optional(),
        /** Tickets by relevance (the newest 100 matches ranked) or newest first (every match). */
        sort: z.enum(["relevance", "newest"]).default("relevance"),
        cursor,
        limit: z.number().int().min(1).max(50).default(20),
      }),
    )
    .query(({ ctx, input }) => ctx.run((scope) => search.query(scope, input))),
});
