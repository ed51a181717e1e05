// The matrices' inputs for the fields procedures (spread into INPUTS in test-procedures.ts), and
// the harmless variants the permission matrix calls when a role is allowed (permission-matrix.test.ts).
import type { Ids } from "../test-procedures";

const nowhere = () => crypto.randomUUID();

export const inputs: Record<string, (ids: Ids) => unknown> = {
  "fields.list": () => ({ includeArchived: true }),
  "fields.create": () => ({
    label: `Matrix field ${nowhere().slice(0, 8)}`,
    type: "select",
    options: ["One", "Two"],
  }),
  "fields.update": (ids) => ({ id: ids.fieldId, description: "Edited by the matrix" }),
  "fields.archive": (ids) => ({ id: ids.fieldId }),
  "fields.restore": (ids) => ({ id: ids.fieldId }),
  "fields.setValues": (ids) => ({ ticketId: ids.ticketId, values: { [ids.fieldId]: "Pro" } }),
};

/** The fixture field stays active (others' matrix inputs set its value). */
export const harmless: Record<string, (ids: Ids) => unknown> = {
  "fields.archive": () => ({ id: nowhere() }),
};
