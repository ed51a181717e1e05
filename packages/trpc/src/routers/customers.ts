// customers: the people who write in.
import { customers } from "@supportdesk/services";
import { z } from "zod";
import { router, tenantProcedure } from "../trpc";
import { customerMergeProcedures } from "./customers-merge";
import { cursor, email, id, perPage, personName } from "./schemas";

export const customersRouter = router({
  list: tenantProcedure
    .meta({ permissions: ["customer.read"] })
    .input(
      z
        .object({ cursor, perPage, q: z.string().trim().max(200).optional() })
        .default({ perPage: 25 }),
    )
    .query(({ ctx, input }) => ctx.run((scope) => customers.listCustomers(scope, input))),
  create: tenantProcedure
    .meta({ permissions: ["customer.write"] })
    .input(z.object({ email, name: personName, company: z.string().trim().max(200).optional() }))
    .mutation(({ ctx, input }) => ctx.run((scope) => customers.createCustomer(scope, input))),
  get: tenantProcedure
    .meta({ permissions: ["customer.read"] })
    .input(z.object({ id }))
    .query(({ ctx, input }) => ctx.run((scope) => customers.getCustomer(scope, input))),
  ...customerMergeProcedures,
});
