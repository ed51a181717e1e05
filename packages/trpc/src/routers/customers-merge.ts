// customers.merge: one customer's tickets and emails move to another, and one customer remains.
// Spread into the customers router.
import { merge } from "@supportdesk/services";
import { z } from "zod";
import { tenantProcedure } from "../trpc";
import { id } from "./schemas";

export const customerMergeProcedures = {
  /**
   * Merges customer `sourceId` into `targetId`: the source's tickets and the messages they wrote
   * become the target's, the target keeps its name and email, and the source is deleted.
   */
  merge: tenantProcedure
    .meta({ permissions: ["customer.merge"] })
    .input(z.object({ sourceId: id, targetId: id }))
    .mutation(({ ctx, input }) => ctx.run((scope) => merge.mergeCustomers(scope, input))),
};
