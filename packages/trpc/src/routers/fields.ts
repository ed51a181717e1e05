// fields: custom ticket fields: definitions, and the values on a ticket.
import { TICKET_FIELD_TYPES } from "@supportdesk/domain";
import { fields } from "@supportdesk/services";
import { z } from "zod";
import { router, tenantProcedure } from "../trpc";
import { id } from "./schemas";

const label = z.string().trim().min(1, { error: "is required" }).max(80);
const description = z.string().trim().max(500);
const type = z.enum(TICKET_FIELD_TYPES, {
  error: "must be text, number, select, multiselect, date or checkbox",
});
// Loose shapes only: each choice and value is checked by the service against the field, which
// names the field's label in what it says.
const options = z.array(z.string().max(200)).max(200);
const value = z
  .union([z.string().max(10_000), z.number(), z.boolean(), z.array(z.string().max(1000)).max(200)])
  .nullable();

export const fieldsRouter = router({
  /** The field definitions agents see (archived ones too with `includeArchived`). */
  list: tenantProcedure
    .meta({ permissions: ["ticket.read"] })
    .input(z.object({ includeArchived: z.boolean().optional() }).default({}))
    .query(({ ctx, input }) => ctx.run((scope) => fields.listFields(scope, input))),
  create: tenantProcedure
    .meta({ permissions: ["field.manage"] })
    .input(
      z.object({
        label,
        description: description.optional(),
        type,
        options: options.optional(),
        required: z.boolean().optional(),
        onContactForm: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.run((scope) => fields.createField(scope, input))),
  /** Edits a field; `type` may be sent but never changed. */
  update: tenantProcedure
    .meta({ permissions: ["field.manage"] })
    .input(
      z.object({
        id,
        label: label.optional(),
        description: description.optional(),
        type: type.optional(),
        options: options.optional(),
        required: z.boolean().optional(),
        onContactForm: z.boolean().optional(),
        position: z.number().int().min(0).max(10_000).optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.run((scope) => fields.updateField(scope, input))),
  archive: tenantProcedure
    .meta({ permissions: ["field.manage"] })
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => ctx.run((scope) => fields.archiveField(scope, input))),
  restore: tenantProcedure
    .meta({ permissions: ["field.manage"] })
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => ctx.run((scope) => fields.restoreField(scope, input))),
  /** Sets (or, with null, clears) values on a ticket; fields not named keep theirs. */
  setValues: tenantProcedure
    .meta({ permissions: ["ticket.update"] })
    .input(
      z.object({
        ticketId: id,
        values: z
          .record(z.uuid({ error: "must be a field id" }), value)
          .refine((values) => Object.keys(values).length <= 100, {
            error: "may hold at most 100 fields",
          }),
      }),
    )
    .mutation(({ ctx, input }) => ctx.run((scope) => fields.setValues(scope, input))),
});
