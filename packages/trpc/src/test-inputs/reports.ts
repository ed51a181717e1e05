// The matrices' inputs for the reports procedures (spread into INPUTS in test-procedures.ts), and
// the harmless variants the permission matrix calls when a role is allowed (permission-matrix.test.ts).
// Reports only read: aimed at the fixture tenant's team and member, from another tenant they
// answer a clean, empty report (nothing of A's is in B's rollup).
import type { Ids } from "../test-procedures";

const range = (ids: Ids) => ({
  from: "2025-01-01",
  to: "2025-01-31",
  timezone: "Europe/Berlin",
  interval: "week",
  filters: { teamId: ids.teamId, assigneeId: ids.memberUserId },
});

export const inputs: Record<string, (ids: Ids) => unknown> = {
  "reports.overview": range,
  "reports.volume": range,
  "reports.responseTimes": range,
  "reports.sla": range,
  "reports.csat": range,
  "reports.export": (ids) => ({ ...range(ids), report: "volume" }),
};

export const harmless: Record<string, (ids: Ids) => unknown> = {};
