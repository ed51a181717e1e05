// The demo's service levels: calendars, policies, rules, surveys on, and ~90 days of history that
// the reports can draw (created every day, first responses, resolutions, clocks, ratings).
import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { sql } from "drizzle-orm";
import { seedDemo } from "./seed";
import { openTestDatabases } from "./test-helpers";

setDefaultTimeout(60_000);
const { app, admin } = openTestDatabases(2);
afterAll(async () => {
  await app.close();
  await admin.close();
});

describe("service levels in the demo", () => {
  test("each tenant has calendars, policies, rules, surveys on and 90 days of history", async () => {
    const { tenants } = await seedDemo(admin);
    for (const tenant of tenants) {
      const [row] = await app.withTenant(tenant.id, (tx) =>
        tx.execute<Record<string, number>>(sql`
          select (select count(*)::int from business_hours) as calendars,
                 (select count(*)::int from business_hours where is_default) as defaults,
                 (select count(*)::int from sla_policies where enabled) as policies,
                 (select count(*)::int from automation_rules where enabled) as rules,
                 (select count(*)::int from csat_settings where enabled) as csat,
                 (select count(distinct created_at::date)::int from tickets
                   where created_at > now() - interval '91 days') as days,
                 (select count(*)::int from tickets where number > 1000) as history,
                 (select count(*)::int from sla_clocks where breached_at is not null) as breached,
                 (select count(*)::int from sla_clocks where breached_at is null
                   and status in ('met', 'stopped')) as met,
                 (select count(*)::int from csat_surveys where rating is not null) as rated,
                 (select count(distinct rating)::int from csat_surveys) as ratings`),
      );
      expect(row?.calendars).toBe(2);
      expect(row?.defaults).toBe(1);
      expect(row?.policies).toBe(2);
      expect(row?.rules).toBeGreaterThanOrEqual(5);
      expect(row?.csat).toBe(1);
      expect(row?.days).toBeGreaterThanOrEqual(85);
      expect(row?.history).toBeGreaterThan(300);
      expect(row?.breached).toBeGreaterThan(0);
      expect(row?.met).toBeGreaterThan(row?.breached ?? 0);
      expect(row?.rated).toBeGreaterThan(50);
      expect(row?.ratings).toBe(5);
    }
  });

  test("the reports' rollup is queued once per ticket and each tenant's sweep once, however often it runs", async () => {
    const { tenants } = await seedDemo(admin);
    await seedDemo(admin);
    for (const tenant of tenants) {
      const [row] = await admin.sql<{ pending: number; tickets: number; sweeps: number }[]>`
        select (select count(*)::int from outbox where tenant_id = ${tenant.id}
                 and job_name = 'report.fact' and dispatched_at is null) as pending,
               (select count(distinct payload->>'ticketId')::int from outbox
                 where tenant_id = ${tenant.id} and job_name = 'report.fact'
                   and dispatched_at is null) as tickets,
               (select count(*)::int from outbox where tenant_id = ${tenant.id}
                 and job_name = 'service-levels.sweep' and dispatched_at is null) as sweeps`;
      const [count] = await app.withTenant(tenant.id, (tx) =>
        tx.execute<{ n: number }>(sql`select count(*)::int as n from tickets`),
      );
      // One waiting refresh per ticket at most, however many seeds queued one.
      expect(row?.pending).toBe(row?.tickets ?? -1);
      expect(row?.pending).toBeGreaterThan(0);
      expect(row?.pending).toBeLessThanOrEqual(count?.n ?? 0);
      expect(row?.sweeps).toBeLessThanOrEqual(1);
    }
  });
});
