// The `team.assign` handler: registered with the worker, fed the job a ticket's team change
// queued, it assigns the ticket to the team's online agent.
import { afterAll, expect, test } from "bun:test";
import { and, desc, eq, outbox } from "@supportdesk/database";
import { createLogger } from "@supportdesk/logger";
import { jobsByName } from "@supportdesk/queue";
import { createTeam, createTestDeps } from "@supportdesk/trpc/testing";
import { createHandlers, type HandlerDeps } from "./handlers";

const deps = await createTestDeps();
afterAll(() => deps.close());

test("the job queued by giving a ticket an automatic team assigns it to the team's online agent", async () => {
  const { owner, join, tenant } = await createTeam(deps, "Assigning Co");
  const agent = await join("member");
  await agent.here.teams.heartbeat();
  const team = await owner.here.teams.create({
    name: "Front line",
    assignment: "round_robin",
    memberIds: [agent.userId],
  });
  const ticket = await owner.here.tickets.create({ subject: "Printer", body: "on fire" });
  await owner.here.tickets.update({ id: ticket.id, teamId: team.id });

  const [row] = await deps.db.platform
    .select({ id: outbox.id, payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.tenantId, tenant.id), eq(outbox.jobName, "team.assign")))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(1);
  const payload = jobsByName["team.assign"]?.payload.parse(row?.payload) as Record<string, unknown>;
  expect(payload).toEqual({ tenantId: tenant.id, teamId: team.id });

  const handler = createHandlers({ db: deps.db } as HandlerDeps)["team.assign"];
  if (!handler) throw new Error("team.assign is not registered");
  const job = {
    id: row?.id ?? "",
    name: "team.assign",
    tenantId: tenant.id,
    payload,
    attempt: 1,
    log: createLogger({ name: "test", level: "silent" }),
  };
  expect(await handler(job)).toEqual({ assigned: 1, more: false });
  expect((await owner.here.tickets.get({ id: ticket.id })).assigneeId).toBe(agent.userId);
  // A second delivery finds nothing left to do.
  expect(await handler({ ...job, attempt: 2 })).toEqual({ assigned: 0, more: false });
});
