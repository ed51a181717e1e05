// Input building blocks shared by the routers (zod), with messages a person can act on.
import {
  BUILT_IN_ROLES,
  SLA_STATES,
  TICKET_PRIORITIES,
  TICKET_SORTS,
  TICKET_STATUSES,
} from "@supportdesk/domain";
import { z } from "zod";

export const email = z.email({ error: "must be an email address" }).max(320);
export const password = z
  .string()
  .min(8, { error: "must be at least 8 characters" })
  .max(256, { error: "must be at most 256 characters" });
export const personName = z.string().trim().min(1, { error: "is required" }).max(100);
export const organisationName = z.string().trim().min(1, { error: "is required" }).max(100);
export const id = z.uuid({ error: "must be a UUID" });
export const slug = z.string().trim().toLowerCase().min(1).max(63);
/** A role someone is given: a built-in role's name, or the id of one of the tenant's roles. */
export const roleRef = z.union([z.enum(BUILT_IN_ROLES), z.uuid()], {
  error: "must be owner, admin, member, viewer or a custom role's id",
});
export const token = z.string().min(20).max(200);
export const perPage = z.number().int().min(1).max(100).default(25);
export const cursor = z.string().max(500).optional();
/** A ticket tag (tickets and the inquiry types that stamp them share the rule). */
export const ticketTag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9 _-]*$/, { error: "may hold letters, digits, spaces, - and _" });

const day = z.iso.date({ error: "must be a date (YYYY-MM-DD)" });
/** A custom field's value, as filters and forms send it (checked against the field server-side). */
export const fieldValue = z.union([
  z.string().max(2000),
  z.number().finite(),
  z.boolean(),
  z.array(z.string().max(200)).max(50),
]);
/**
 * The ticket filters the inbox, saved views, bulk actions and search share (the services'
 * `TicketFilters`).
 */
export const ticketFilters = z.object({
  status: z.array(z.enum(TICKET_STATUSES)).max(4).optional(),
  priority: z.array(z.enum(TICKET_PRIORITIES)).max(4).optional(),
  assignee: z
    .union([z.uuid(), z.literal("unassigned"), z.literal("me")], {
      error: "must be a user id, me or unassigned",
    })
    .optional(),
  teamId: z.union([z.uuid(), z.literal("none")], { error: "must be a team id or none" }).optional(),
  customerId: id.optional(),
  tag: ticketTag.optional(),
  q: z.string().trim().max(200).optional(),
  createdFrom: day.optional(),
  createdTo: day.optional(),
  updatedFrom: day.optional(),
  updatedTo: day.optional(),
  fields: z
    .record(z.uuid({ error: "must be a field id" }), fieldValue)
    .refine((fields) => Object.keys(fields).length <= 20, { error: "may hold at most 20 fields" })
    .optional(),
  sla: z
    .enum(
      SLA_STATES.filter((state) => state !== "met") as [
        "breached",
        "due_soon",
        "on_track",
        "paused",
      ],
      {
        error: "must be breached, due_soon, on_track or paused",
      },
    )
    .optional(),
});
export const ticketSort = z.enum(TICKET_SORTS);
