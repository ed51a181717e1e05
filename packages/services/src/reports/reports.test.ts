// The reports against the real database (app role): over a known week of tickets, every figure
// equals the same figure computed straight from tickets, messages, SLA clocks and surveys, in
// several time zones, intervals and filters; empty ranges and bad input; who may read them.
import { afterAll, describe, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import { createDatabase } from "@supportdesk/database";
import { AppError } from "../errors";
import * as reports from "./index";
import type { ReportFilters } from "./range";
import { reportDesk } from "./test-desk";
import { type Case, expected } from "./test-expected";

const db = createDatabase({ url: env().DATABASE_URL, max: 4 });
afterAll(() => db.close());

const d = await reportDesk(db);
await reports.backfillFacts(db, d.tenant.id);

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      return { code: error.code, field: error.field };
    },
  );

const week = { from: "2025-01-06", to: "2025-01-12" };
const filterCases: [string, ReportFilters][] = [
  ["no filter", {}],
  ["team Billing", { teamId: d.teamIds.billing }],
  ["agent Bo", { assigneeId: d.people.bo }],
  ["tag bug", { tag: "bug" }],
  ["channel email", { channel: "email" }],
  ["priority normal", { priority: "normal" }],
  ["inquiry type", { inquiryTypeId: "it-bug" }],
];
const cases: [string, Case][] = [
  ...filterCases.map(([name, filters]): [string, Case] => [
    `${name}, Berlin by day`,
    { ...week, timezone: "Europe/Berlin", interval: "day", filters },
  ]),
  ...(["UTC", "Europe/Berlin", "America/New_York"] as const).flatMap((timezone) =>
    (["day", "week", "month"] as const).map((interval): [string, Case] => [
      `${timezone} by ${interval}, all of January`,
      { from: "2025-01-01", to: "2025-01-31", timezone, interval, filters: {} },
    ]),
  ),
];

const nonZero = (rows: { bucket: string }[], pick: (row: never) => number) =>
  Object.fromEntries(
    rows.map((row) => [row.bucket, pick(row as never)]).filter(([, value]) => value !== 0),
  );

describe("every figure equals a direct SQL computation on the source tables", () => {
  test.each(cases)("%s", async (_name, c) => {
    const input = {
      from: c.from,
      to: c.to,
      timezone: c.timezone,
      interval: c.interval,
      filters: c.filters,
    };
    const [want, o, v, r, s, q] = await d.owner.run(
      async (scope) =>
        [
          await expected(scope.tx, c),
          await reports.overview(scope, input),
          await reports.volume(scope, input),
          await reports.responseTimes(scope, input),
          await reports.slaReport(scope, input),
          await reports.csatReport(scope, input),
        ] as const,
    );
    const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
    // Overview
    expect(o.created).toBe(sum(want.created));
    expect(o.resolved).toBe(sum(want.resolved));
    expect(o.backlog).toBe(want.times.backlogNow);
    expect(o.firstResponse).toEqual(want.times.fr);
    expect(o.resolution).toEqual(want.times.res);
    const met = want.sla.reduce((a, row) => a + row.met, 0);
    const breached = want.sla.reduce((a, row) => a + row.breached, 0);
    expect(o.sla).toMatchObject({ met, breached });
    const rated = want.surveys.filter((row) => row.rating !== null);
    expect(o.csat.sent).toBe(want.surveys.length);
    expect(o.csat.responded).toBe(rated.length);
    const average = rated.length
      ? rated.reduce((a, row) => a + (row.rating ?? 0), 0) / rated.length
      : null;
    expect(o.csat.average).toBe(average === null ? null : Math.round(average * 100) / 100);
    // Volume: every bucket present, in order; created, resolved and backlog per bucket; tags.
    expect(v.buckets.map((b) => b.bucket)).toEqual(want.buckets);
    expect(nonZero(v.buckets, (b: { created: number }) => b.created)).toEqual(want.created);
    expect(nonZero(v.buckets, (b: { resolved: number }) => b.resolved)).toEqual(want.resolved);
    expect(Object.fromEntries(v.buckets.map((b) => [b.bucket, b.backlog]))).toEqual(want.backlog);
    expect(
      Object.fromEntries(v.byTag.map((t) => [t.key, { created: t.created, resolved: t.resolved }])),
    ).toEqual(want.byTag);
    // Response times: overall equals the overview's, bucket counts add up.
    expect({ median: r.overall.firstResponse.median, p90: r.overall.firstResponse.p90 }).toEqual(
      want.times.fr,
    );
    expect({ median: r.overall.resolution.median, p90: r.overall.resolution.p90 }).toEqual(
      want.times.res,
    );
    expect(r.buckets.map((b) => b.bucket)).toEqual(want.buckets);
    // SLA per metric and bucket
    for (const m of s.metrics) {
      const rows = want.sla.filter((row) => row.metric === m.metric);
      expect(nonZero(m.buckets, (b: { met: number }) => b.met)).toEqual(
        Object.fromEntries(rows.filter((row) => row.met).map((row) => [row.b, row.met])),
      );
      expect(nonZero(m.buckets, (b: { breached: number }) => b.breached)).toEqual(
        Object.fromEntries(rows.filter((row) => row.breached).map((row) => [row.b, row.breached])),
      );
    }
    expect(s.latestBreaches).toHaveLength(breached);
    // CSAT: distribution, per-bucket sent, comments
    for (const { rating, count } of q.distribution) {
      expect(count).toBe(rated.filter((row) => row.rating === rating).length);
    }
    const sentPerBucket: Record<string, number> = {};
    for (const row of want.surveys) sentPerBucket[row.b] = (sentPerBucket[row.b] ?? 0) + 1;
    expect(nonZero(q.buckets, (b: { sent: number }) => b.sent)).toEqual(sentPerBucket);
    expect(q.latestComments).toHaveLength(rated.filter((row) => row.comment).length);
  });
});

describe("what the figures mean", () => {
  const run = (input: reports.ReportInput) => d.owner.run((scope) => reports.volume(scope, input));

  test("a ticket created at 23:30 UTC counts on the next day in Berlin", async () => {
    const utc = await run({ ...week, timezone: "UTC" });
    const berlin = await run({ ...week, timezone: "Europe/Berlin" });
    const created = (report: typeof utc) => report.buckets.map((b) => b.created);
    expect(created(utc)).toEqual([2, 0, 1, 1, 0, 1, 0]);
    expect(created(berlin)).toEqual([1, 1, 1, 1, 0, 0, 1]);
  });

  test("first response skips internal notes and an agent's opening message; reopened tickets are not resolved", async () => {
    const o = await d.owner.run((scope) => reports.overview(scope, { ...week, timezone: "UTC" }));
    // t1 90 min, t2 90 min, t4 5 min, t5 150 min (t3 never answered)
    expect(o.firstResponse.median).toBe(5400);
    expect(o).toMatchObject({ created: 5, resolved: 4, sla: { met: 4, breached: 2 } });
    expect(o.csat).toEqual({ average: 3.5, sent: 3, responded: 2, responseRate: 66.7 });
  });

  test("an empty range gives zero buckets, not an error", async () => {
    const input = { from: "2023-03-01", to: "2023-03-05", timezone: "Europe/Berlin" };
    const v = await run(input);
    expect(v.buckets).toHaveLength(5);
    expect(v.buckets.every((b) => b.created === 0 && b.resolved === 0)).toBe(true);
    const o = await d.owner.run((scope) => reports.overview(scope, input));
    expect(o).toMatchObject({ created: 0, firstResponse: { median: null }, sla: { pctMet: null } });
    const q = await d.owner.run((scope) => reports.csatReport(scope, input));
    expect(q.overall).toEqual({ sent: 0, responded: 0, responseRate: null, average: null });
  });

  test.each([
    ["timezone", { ...week, timezone: "Mars/Olympus" }],
    ["timezone", { ...week, timezone: "UTC+3" }],
    ["from", { from: "2025-01-12", to: "2025-01-06", timezone: "UTC" }],
    ["from", { from: "2025-13-01", to: "2025-01-06", timezone: "UTC" }],
    ["to", { from: "2020-01-01", to: "2025-01-06", timezone: "UTC" }],
    ["filters.teamId", { ...week, filters: { teamId: crypto.randomUUID() } }],
    ["filters.assigneeId", { ...week, filters: { assigneeId: crypto.randomUUID() } }],
  ])("bad input names the field: %s", async (field, input) => {
    expect(await refusal(d.owner.run((scope) => reports.overview(scope, input)))).toEqual({
      code: "BAD_REQUEST",
      field,
    });
  });

  test("a viewer without report.read is refused", async () => {
    expect(await refusal(d.viewer.run((scope) => reports.volume(scope, week)))).toMatchObject({
      code: "FORBIDDEN",
    });
  });

  test("the CSV export quotes cells and defuses formulas", async () => {
    const file = await d.owner.run((scope) =>
      reports.exportReport(scope, { ...week, timezone: "UTC", report: "csat" }),
    );
    expect(file.filename).toBe("csat-2025-01-06-to-2025-01-12.csv");
    expect(file.csv).toContain(`"'=HYPERLINK(""x""), slow"`);
    expect(file.csv).toContain("Great, thanks".includes(",") ? `"Great, thanks"` : "Great, thanks");
    expect(reports.csvCell("-1")).toBe("'-1");
    expect(reports.csvCell(-1)).toBe("-1");
    expect(reports.csvCell('a "b"\nc')).toBe('"a ""b""\nc"');
  });
});
