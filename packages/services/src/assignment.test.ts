// Automatic assignment against the real database: the two rules' choices, oldest tickets first,
// capacity, who is skipped, what an assignment records, and the triggers that queue a run.
import { afterAll, describe, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import { and, auditLog, createDatabase, eq } from "@supportdesk/database";
import * as notifications from "./notifications";
import * as teams from "./teams";
import { desk } from "./teams-test-kit";
import * as tickets from "./tickets";

const db = createDatabase({ url: env().DATABASE_URL, max: 4 });
afterAll(() => db.close());

/** `count` online members, in user-id order (the order both rules walk). */
async function agents(d: Awaited<ReturnType<typeof desk>>, count: number) {
  const people = [];
  for (let i = 0; i < count; i++) {
    const agent = await d.join("member", `Agent ${i}`);
    await d.availability(agent.userId, "online");
    people.push(agent);
  }
  return people.sort((a, b) => (a.userId < b.userId ? -1 : 1));
}

describe("choosing the agent", () => {
  const c = (userId: string, load: number) => ({ userId, load });
  test("round-robin takes the next member after the last one, wrapping", () => {
    const all = [c("b", 0), c("a", 5), c("c", 1)];
    expect(teams.chooseAgent("round_robin", all, null)).toBe("a");
    expect(teams.chooseAgent("round_robin", all, "a")).toBe("b");
    expect(teams.chooseAgent("round_robin", all, "c")).toBe("a");
    // The last one left the team: the next id after theirs.
    expect(teams.chooseAgent("round_robin", all, "bb")).toBe("c");
    expect(teams.chooseAgent("round_robin", [], "a")).toBeNull();
  });
  test("least-loaded takes the lowest load; ties rotate after the last one", () => {
    expect(teams.chooseAgent("least_loaded", [c("a", 3), c("b", 1), c("c", 2)], null)).toBe("b");
    const tied = [c("a", 1), c("b", 1), c("c", 1)];
    expect(teams.chooseAgent("least_loaded", tied, null)).toBe("a");
    expect(teams.chooseAgent("least_loaded", tied, "a")).toBe("b");
    expect(teams.chooseAgent("least_loaded", tied, "c")).toBe("a");
  });
});

describe("a run", () => {
  test("round-robin hands the oldest tickets out in turn, and remembers its place", async () => {
    const d = await desk(db);
    const [a, b, c] = await agents(d, 3);
    const team = await d.team(
      "round_robin",
      10,
      [a, b, c].map((p) => p?.userId ?? ""),
    );
    const waiting = await d.waiting(team, 4);
    const run = await teams.runAssignment(db, { tenantId: d.tenant.id, teamId: team });
    expect(run.more).toBe(false);
    expect(run.assigned.map((x) => x.ticketId)).toEqual(waiting);
    expect(await d.assignees(waiting)).toEqual([a, b, c, a].map((p) => p?.userId ?? ""));
    const [later] = await d.waiting(team, 1);
    await teams.runAssignment(db, { tenantId: d.tenant.id, teamId: team });
    expect(await d.assignees([later ?? ""])).toEqual([b?.userId ?? ""]);
  });

  test("least-loaded gives to whoever has the fewest open tickets, all teams counted", async () => {
    const d = await desk(db);
    const [a, b] = await agents(d, 2);
    const team = await d.team("least_loaded", 10, [a?.userId ?? "", b?.userId ?? ""]);
    await d.waiting(null, 3, a?.userId ?? "");
    const waiting = await d.waiting(team, 4);
    await teams.runAssignment(db, { tenantId: d.tenant.id, teamId: team });
    const given = await d.assignees(waiting);
    // b catches up with a's three, then they alternate.
    expect(given.slice(0, 3)).toEqual([b, b, b].map((p) => p?.userId ?? ""));
    expect(given[3]).toBe(a?.userId ?? "");
  });

  test("nobody goes over capacity; a resolved ticket frees room for the oldest waiting one", async () => {
    const d = await desk(db);
    const [a, b] = await agents(d, 2);
    const team = await d.team("least_loaded", 2, [a?.userId ?? "", b?.userId ?? ""]);
    const waiting = await d.waiting(team, 6);
    const first = await teams.runAssignment(db, { tenantId: d.tenant.id, teamId: team });
    expect(first.assigned).toHaveLength(4);
    expect((await d.assignees(waiting)).slice(4)).toEqual([null, null]);
    const [listed] = await d.owner.run(teams.listTeams);
    expect(listed?.members.map((m) => m.load)).toEqual([2, 2]);
    expect(listed?.waiting).toBe(2);

    const freed = first.assigned[0];
    await d.owner.run((s) =>
      tickets.updateTicket(s, { id: freed?.ticketId ?? "", status: "resolved" }),
    );
    // Resolving queued a run for the agent's team.
    expect(await d.jobs("team.assign")).toContainEqual({ tenantId: d.tenant.id, teamId: team });
    const second = await teams.runAssignment(db, { tenantId: d.tenant.id, teamId: team });
    expect(second.assigned).toEqual([{ ticketId: waiting[4] ?? "", userId: freed?.userId ?? "" }]);
  });

  test("away, offline, stale and viewer members are skipped; manual teams assign nothing", async () => {
    const d = await desk(db);
    const [away, offline, stale, ok] = await agents(d, 4);
    const viewer = await d.join("viewer");
    await d.availability(viewer.userId, "online");
    await d.availability(away?.userId ?? "", "online", "away");
    await d.availability(offline?.userId ?? "", "offline");
    await d.availability(stale?.userId ?? "", "online", null, teams.PRESENCE_TTL_SECONDS + 1);
    const members = [away, offline, stale, ok, viewer].map((p) => p?.userId ?? "");
    const team = await d.team("round_robin", 10, members);
    const waiting = await d.waiting(team, 3);
    await teams.runAssignment(db, { tenantId: d.tenant.id, teamId: team });
    expect(await d.assignees(waiting)).toEqual(waiting.map(() => ok?.userId ?? ""));

    const manual = await d.team("manual", 10, members);
    const idle = await d.waiting(manual, 1);
    expect(await teams.runAssignment(db, { tenantId: d.tenant.id, teamId: manual })).toEqual({
      assigned: [],
      more: false,
    });
    expect(await d.assignees(idle)).toEqual([null]);
  });

  test("an assignment is audited as the system and tells the agent; a full batch queues the rest", async () => {
    const d = await desk(db);
    const [a] = await agents(d, 1);
    const team = await d.team("round_robin", 10, [a?.userId ?? ""]);
    const waiting = await d.waiting(team, 3);
    const run = await teams.runAssignment(
      db,
      { tenantId: d.tenant.id, teamId: team },
      { batch: 2 },
    );
    expect(run).toMatchObject({ more: true });
    expect(run.assigned).toHaveLength(2);
    expect(await d.jobs("team.assign")).toEqual([{ tenantId: d.tenant.id, teamId: team }]);
    const rows = await d.owner.run((s) =>
      s.tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "ticket.assign"), eq(auditLog.targetId, waiting[0] ?? ""))),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorUserId: null,
      metadata: { by: "assignment", teamId: team, assigneeId: a?.userId, load: 0, capacity: 10 },
    });
    const event = (await d.queued("ticket.event")).find((e) => e.payload.ticketId === waiting[0]);
    expect(event?.payload).toEqual({
      tenantId: d.tenant.id,
      ticketId: waiting[0],
      kind: "updated",
      actorUserId: null,
      changes: { assigneeId: a?.userId },
      previousAssigneeId: null,
    });
    // The notification worker tells the agent the ticket is theirs.
    await notifications.handleTicketEvent(db, {
      id: event?.id ?? "",
      payload: event?.payload as notifications.TicketEventPayload,
    });
    const inbox = await a?.run((s) =>
      notifications.listNotifications(s, a.userId, { perPage: 10 }),
    );
    expect(inbox?.data.map((n) => [n.type, (n.payload as { ticketId?: string }).ticketId])).toEqual(
      [["ticket.assigned", waiting[0]]],
    );
    await teams.runAssignment(db, { tenantId: d.tenant.id, teamId: team });
    expect(await d.assignees(waiting)).toEqual(waiting.map(() => a?.userId ?? ""));
  });
});

describe("what queues a run", () => {
  test("a ticket given an automatic team, unassigned or reassigned away; not a manual team", async () => {
    const d = await desk(db);
    const [a, b] = await agents(d, 2);
    const auto = await d.team("round_robin", 10, [a?.userId ?? ""]);
    const manual = await d.team("manual", 10, [b?.userId ?? ""]);
    const [t1, t2] = await d.waiting(null, 2);
    const update = (input: tickets.TicketUpdate & { id: string }) =>
      d.owner.run((s) => tickets.updateTicket(s, input));
    await update({ id: t1 ?? "", teamId: manual });
    expect(await d.jobs("team.assign")).toEqual([]);
    await update({ id: t1 ?? "", teamId: auto });
    expect(await d.jobs("team.assign")).toHaveLength(1);
    // Given by hand to b (in the manual team only): no run; taken from a: a's team runs.
    await update({ id: t2 ?? "", assigneeId: b?.userId ?? "" });
    expect(await d.jobs("team.assign")).toHaveLength(1);
    await update({ id: t2 ?? "", assigneeId: a?.userId ?? "" });
    await update({ id: t2 ?? "", assigneeId: null });
    expect(await d.jobs("team.assign")).toHaveLength(2);
    // Closing a's ticket frees a's room in the automatic team.
    await update({ id: t2 ?? "", assigneeId: a?.userId ?? "" });
    await update({ id: t2 ?? "", status: "closed" });
    expect(await d.jobs("team.assign")).toHaveLength(3);
  });
});
