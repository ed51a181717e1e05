// Input building blocks shared by the routers (zod), with messages a person can act on.
import { BUILT_IN_ROLES } from "@supportdesk/domain";
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
