// The "report.fact" handler: fed the jobs a ticket's changes committed to the outbox (as the relay
// hands them on), it brings the ticket's ticket_facts row up to date — status, first response,
// resolution, a reopen — and running a job again changes nothing.
import { afterAll, describe, expect, test } from "bun:test";
import { and, eq, outbox, ticketFacts } from "@supportdesk/database";
import { createLogger } from "@supportdesk/logger";
import { type JobContext, reportFactJob } from "@supportdesk/queue";
import { createTestDeps, signUp, testEmail } from "@supportdesk/trpc/testing";
import { createHandlers, type HandlerDeps } from "./handlers";

const deps = await createTestDeps();
afterAll(() => deps.close());

const handler = createHandlers({ db: deps.db, publisher: deps.redis } as HandlerDeps)[
  reportFactJob.name
];
if (!handler) throw new Error(`${reportFactJob.name} is not registered`);
const log = createLogger({ name: "test", level: "silent" });

/** Runs every report.fact job the tenant's changes recorded (oldest first), as the worker would. */
async function runJobs(tenantId: string) {
  const rows = await deps.db.platform
    .select({ id: outbox.id, payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.tenantId, tenantId), eq(outbox.jobName, reportFactJob.name)))
    .orderBy(outbox.createdAt, outbox.id);
  for (const row of rows) {
    const job: JobContext = {
      id: row.id,
      name: reportFactJob.name,
      tenantId,
      payload: reportFactJob.payload.parse(row.payload),
      attempt: 1,
      log,
    };
    await handler?.(job);
  }
  return rows.length;
}

const factOf = (tenantId: string, ticketId: string) =>
  deps.db.withTenant(tenantId, async (tx) => {
    const [fact] = await tx.select().from(ticketFacts).where(eq(ticketFacts.ticketId, ticketId));
    return fact;
  });

describe("report.fact", () => {
  test("a ticket's changes queue jobs that keep its fact row current, through a resolve and a reopen", async () => {
    const owner = await signUp(deps, { tenantName: "Rollup Co" });
    const tenant = owner.tenant;
    if (!tenant) throw new Error("no tenant");
    const api = owner.as(tenant.slug);
    const customer = await api.customers.create({ email: testEmail("rollup"), name: "Ria" });
    const ticket = await api.tickets.create({
      subject: "Rollup",
      body: "Hello",
      customerId: customer.id,
      tags: ["rollup"],
    });
    expect(await runJobs(tenant.id)).toBe(1);
    expect(await factOf(tenant.id, ticket.id)).toMatchObject({
      status: "open",
      tags: ["rollup"],
      firstResponseAt: null,
      resolvedAt: null,
      reopenCount: 0,
    });

    await api.tickets.addMessage({ ticketId: ticket.id, body: "On it", internal: false });
    await api.tickets.update({ id: ticket.id, status: "resolved", priority: "high" });
    await runJobs(tenant.id);
    const resolved = await factOf(tenant.id, ticket.id);
    expect(resolved).toMatchObject({ status: "resolved", priority: "high", reopenCount: 0 });
    expect(resolved?.firstResponseAt).not.toBeNull();
    expect(resolved?.resolvedAt).not.toBeNull();
    expect(resolved?.resolutionSeconds).toBeGreaterThanOrEqual(0);

    await api.tickets.update({ id: ticket.id, status: "open" });
    await runJobs(tenant.id);
    const reopened = await factOf(tenant.id, ticket.id);
    expect(reopened).toMatchObject({ status: "open", reopenCount: 1, resolvedAt: null });
    // Running every job again (a redelivery) leaves the same row.
    await runJobs(tenant.id);
    const again = await factOf(tenant.id, ticket.id);
    expect({ ...again, updatedAt: null }).toEqual({ ...reopened, updatedAt: null });
  });
});
