// The matrices' inputs for the csat procedures (spread into INPUTS in test-procedures.ts), and
// the harmless variants the permission matrix calls when a role is allowed (permission-matrix.test.ts).
import type { Ids } from "../test-procedures";

export const inputs: Record<string, (ids: Ids) => unknown> = {
  "csat.settings.get": () => undefined,
  "csat.settings.update": () => ({
    enabled: true,
    delayMinutes: 30,
    question: "How did the matrix do?",
  }),
  // The fixture survey is a rated one on the other ticket.
  "csat.list": (ids) => ({ ticketId: ids.otherTicketId }),
  "csat.summary": () => ({}),
};

export const harmless: Record<string, (ids: Ids) => unknown> = {
  // Nothing changes: every field left out is kept.
  "csat.settings.update": () => ({}),
};
