// The matrices' inputs for the teams procedures (spread into INPUTS in test-procedures.ts), and
// the harmless variants the permission matrix calls when a role is allowed (permission-matrix.test.ts).
import type { Ids } from "../test-procedures";

const unique = () => crypto.randomUUID().slice(0, 8);

export const inputs: Record<string, (ids: Ids) => unknown> = {
  "teams.list": () => undefined,
  "teams.create": (ids) => ({
    name: `Matrix team ${unique()}`,
    assignment: "round_robin",
    capacity: 5,
    memberIds: [ids.memberUserId],
  }),
  "teams.update": (ids) => ({
    id: ids.teamId,
    description: "Edited by the matrix",
    memberIds: [ids.memberUserId],
  }),
  "teams.delete": (ids) => ({ id: ids.teamId }),
  "teams.myAvailability": () => undefined,
  "teams.setAvailability": () => ({ status: "away" }),
  "teams.heartbeat": () => undefined,
};

export const harmless: Record<string, (ids: Ids) => unknown> = {
  // The fixture team stays (the other matrices' cells aim at it).
  "teams.delete": () => ({ id: crypto.randomUUID() }),
};
