// The matrices' inputs for the macros procedures (spread into INPUTS in test-procedures.ts), and
// the harmless variants the permission matrix calls when a role is allowed (permission-matrix.test.ts).
import type { Ids } from "../test-procedures";

const nowhere = () => crypto.randomUUID();
const fresh = (label: string) => `${label} ${crypto.randomUUID().slice(0, 8)}`;

export const inputs: Record<string, (ids: Ids) => unknown> = {
  "macros.list": () => undefined,
  // Shared (macro.manage) and aimed at the tenant's member and team: from another tenant the
  // assignee and team are refused (BAD_REQUEST), so nothing is created there naming them.
  "macros.create": (ids) => ({
    name: fresh("Matrix macro"),
    body: "Hello {{customer.name}}",
    shared: true,
    actions: {
      status: "pending",
      addTags: ["matrix"],
      assignee: ids.memberUserId,
      teamId: ids.teamId,
    },
  }),
  "macros.update": (ids) => ({ id: ids.macroId, body: "Edited by the matrix" }),
  "macros.delete": (ids) => ({ id: ids.macroId }),
  "macros.applyToTicket": (ids) => ({
    macroId: ids.macroId,
    ticketId: ids.ticketId,
    applyActions: true,
  }),
};

/**
 * Allowed roles need only ticket.reply: a personal canned reply of their own, an unknown one to
 * change or delete (NOT_FOUND — the shared fixture would also need macro.manage), and a preview.
 */
export const harmless: Record<string, (ids: Ids) => unknown> = {
  "macros.create": () => ({ name: fresh("Matrix own"), body: "Mine", shared: false }),
  "macros.update": () => ({ id: nowhere(), body: "Edited by the matrix" }),
  "macros.delete": () => ({ id: nowhere() }),
  "macros.applyToTicket": (ids) => ({
    macroId: ids.macroId,
    ticketId: ids.ticketId,
    applyActions: false,
  }),
};
