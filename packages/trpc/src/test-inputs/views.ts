// The matrices' inputs for the views procedures and the tickets' bulk procedures (spread into
// INPUTS in test-procedures.ts), and the harmless variants the permission matrix calls when a role
// is allowed (permission-matrix.test.ts).
import type { Ids } from "../test-procedures";

const nowhere = () => crypto.randomUUID();
const suffix = () => crypto.randomUUID().slice(0, 8);
/** A job id nobody started: progress answers "unknown" (with the tenant asked in). */
const NO_JOB = "00000000-0000-4000-8000-00000000b01c";

export const inputs: Record<string, (ids: Ids) => unknown> = {
  "views.list": () => undefined,
  "views.counts": () => undefined,
  // Shared (a viewer is refused view.manage) and naming the tenant's team (B cannot save it).
  "views.create": (ids) => ({
    name: `Matrix view ${suffix()}`,
    filters: { status: ["open"], teamId: ids.teamId },
    sort: "oldest",
    shared: true,
  }),
  "views.update": (ids) => ({ id: ids.viewId, name: `Matrix renamed ${suffix()}`, sort: "oldest" }),
  "views.delete": (ids) => ({ id: ids.viewId }),
  "tickets.bulkUpdate": (ids) => ({
    ids: [ids.ticketId, ids.otherTicketId],
    changes: { status: "pending", addTags: ["matrix"] },
  }),
  "tickets.bulkProgress": () => ({ jobId: NO_JOB }),
  "tickets.bulkMerge": (ids) => ({ ids: [ids.otherTicketId], targetId: ids.ticketId }),
};

export const harmless: Record<string, (ids: Ids) => unknown> = {
  // The caller's own view: allowed to anyone who reads tickets, and the shared fixture stays.
  "views.create": () => ({ name: `Matrix mine ${suffix()}`, filters: { priority: ["high"] } }),
  "views.update": () => ({ id: nowhere(), name: "Matrix renamed" }),
  "views.delete": () => ({ id: nowhere() }),
  "tickets.bulkUpdate": () => ({ ids: [nowhere()], changes: { status: "pending" } }),
  // No such source: NOT_FOUND once the permission is checked; the fixture tickets stay apart.
  "tickets.bulkMerge": (ids) => ({ ids: [nowhere()], targetId: ids.ticketId }),
};
