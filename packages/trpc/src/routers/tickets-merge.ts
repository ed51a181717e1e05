// tickets.merge: a ticket's conversation moves into another, and the source closes with a pointer.
// Spread into the tickets router.
import { merge } from "@supportdesk/services";
import { z } from "zod";
import { tenantProcedure } from "../trpc";
import { id } from "./schemas";

export const mergeProcedures = {
  /**
   * Merges ticket `sourceId` into `targetId` (both of this tenant): the source's messages, files,
   * CCs and email threading move to the target; the source closes, keeps its number and points
   * to the target (`mergedIntoId`).
   */
  merge: tenantProcedure
    .meta({ permissions: ["ticket.merge"] })
    .input(z.object({ sourceId: id, targetId: id }))
    .mutation(({ ctx, input }) => ctx.run((scope) => merge.mergeTickets(scope, input))),
};
