// The matrices' inputs for the sla procedures (spread into INPUTS in test-procedures.ts), and
// the harmless variants the permission matrix calls when a role is allowed (permission-matrix.test.ts).
import type { Ids } from "../test-procedures";

const unique = () => crypto.randomUUID().slice(0, 8);

export const inputs: Record<string, (ids: Ids) => unknown> = {
  "sla.policies.list": () => undefined,
  "sla.policies.create": (ids) => ({
    name: `Matrix SLA ${unique()}`,
    businessHoursId: ids.businessHoursId,
    teamIds: [ids.teamId],
    targets: { high: { first_response: { minutes: 30, businessHours: true } } },
    enabled: false,
  }),
  "sla.policies.update": (ids) => ({ id: ids.slaPolicyId, description: "Edited by the matrix" }),
  "sla.policies.delete": (ids) => ({ id: ids.slaPolicyId }),
  "sla.policies.reorder": (ids) => ({ ids: [ids.slaPolicyId] }),
  "sla.ticketClocks": (ids) => ({ ticketId: ids.ticketId }),
};

export const harmless: Record<string, (ids: Ids) => unknown> = {
  // The fixture policy stays (the other matrices' cells aim at it).
  "sla.policies.delete": () => ({ id: crypto.randomUUID() }),
};
