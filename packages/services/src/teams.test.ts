// Teams against the real database (app role): creating, editing and deleting them, who may be a
// member, names unique per tenant, and what the list tells about members.
import { afterAll, describe, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import { auditLog, createDatabase, desc, eq, tickets } from "@supportdesk/database";
import { AppError } from "./errors";
import * as teams from "./teams";
import { desk } from "./teams-test-kit";
import * as ticketsService from "./tickets";

const db = createDatabase({ url: env().DATABASE_URL, max: 4 });
afterAll(() => db.close());

/** The AppError a promise rejects with (code and field), or "ok". */
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      return { code: error.code, field: error.field, message: error.message };
    },
  );

describe("creating and listing teams", () => {
  test("an admin creates a team; everyone lists it with its members, their availability and load", async () => {
    const d = await desk(db);
    const admin = await d.join("admin", "Ada");
    const agent = await d.join("member", "Bo");
    const viewer = await d.join("viewer", "Vi");
    const team = await admin.run((s) =>
      teams.createTeam(s, {
        name: "  Billing ",
        description: "Money things",
        assignment: "least_loaded",
        capacity: 3,
        memberIds: [agent.userId, admin.userId, agent.userId],
      }),
    );
    expect(team).toMatchObject({ name: "Billing", assignment: "least_loaded", capacity: 3 });
    expect(team.memberIds.sort()).toEqual([agent.userId, admin.userId].sort());
    await d.waiting(null, 2, agent.userId);
    await d.waiting(team.id, 1);
    await d.availability(agent.userId, "online");

    const [listed] = await viewer.run(teams.listTeams);
    expect(listed).toMatchObject({
      id: team.id,
      name: "Billing",
      description: "Money things",
      waiting: 1,
    });
    expect(listed?.members).toEqual([
      { userId: admin.userId, name: "Ada", availability: "offline", load: 0 },
      { userId: agent.userId, name: "Bo", availability: "online", load: 2 },
    ]);
    const [row] = await admin.run((s) =>
      s.tx
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, "team.create"))
        .orderBy(desc(auditLog.id)),
    );
    expect(row).toMatchObject({ actorUserId: admin.userId, targetId: team.id });
  });

  test("names are unique per tenant (CONFLICT on name); another tenant may use the same", async () => {
    const d = await desk(db);
    await d.owner.run((s) => teams.createTeam(s, { name: "Support" }));
    expect(
      await refusal(d.owner.run((s) => teams.createTeam(s, { name: "Support" }))),
    ).toMatchObject({ code: "CONFLICT", field: "name" });
    const other = await desk(db);
    expect(await other.owner.run((s) => teams.createTeam(s, { name: "Support" }))).toMatchObject({
      name: "Support",
    });
  });

  test("members must work tickets here: a viewer or a stranger is BAD_REQUEST on memberIds", async () => {
    const d = await desk(db);
    const viewer = await d.join("viewer");
    const stranger = (await desk(db)).owner;
    for (const id of [viewer.userId, stranger.userId]) {
      expect(
        await refusal(d.owner.run((s) => teams.createTeam(s, { name: "Ops", memberIds: [id] }))),
      ).toMatchObject({ code: "BAD_REQUEST", field: "memberIds" });
    }
    expect(
      await refusal(d.owner.run((s) => teams.createTeam(s, { name: "Ops", capacity: 0 }))),
    ).toMatchObject({ code: "BAD_REQUEST", field: "capacity" });
  });

  test("a member may list teams but not manage them (FORBIDDEN naming team.manage)", async () => {
    const d = await desk(db);
    const agent = await d.join("member");
    const outcome = await refusal(agent.run((s) => teams.createTeam(s, { name: "Mine" })));
    expect(outcome).toMatchObject({ code: "FORBIDDEN" });
    expect((outcome as { message: string }).message).toContain("team.manage");
    expect(await agent.run(teams.listTeams)).toEqual([]);
  });
});

describe("editing and deleting teams", () => {
  test("an edit replaces the members and the rule; an unknown team is NOT_FOUND", async () => {
    const d = await desk(db);
    const [a, b, c] = [await d.join("member"), await d.join("member"), await d.join("admin")];
    const team = await d.owner.run((s) =>
      teams.createTeam(s, { name: "Desk", memberIds: [a.userId, b.userId] }),
    );
    const edited = await d.owner.run((s) =>
      teams.updateTeam(s, {
        id: team.id,
        name: "Front desk",
        assignment: "round_robin",
        capacity: 7,
        memberIds: [b.userId, c.userId],
      }),
    );
    expect(edited).toMatchObject({ name: "Front desk", assignment: "round_robin", capacity: 7 });
    expect(edited.memberIds.sort()).toEqual([b.userId, c.userId].sort());
    // Now automatic: a run is queued for it.
    expect(await d.jobs("team.assign")).toEqual([{ tenantId: d.tenant.id, teamId: team.id }]);
    const cleared = await d.owner.run((s) => teams.updateTeam(s, { id: team.id, memberIds: [] }));
    expect(cleared.memberIds).toEqual([]);
    expect(
      await refusal(
        d.owner.run((s) => teams.updateTeam(s, { id: crypto.randomUUID(), name: "X" })),
      ),
    ).toMatchObject({ code: "NOT_FOUND" });
    // A team of another tenant is just as unknown.
    const other = await desk(db);
    const foreign = await other.owner.run((s) => teams.createTeam(s, { name: "Theirs" }));
    expect(
      await refusal(d.owner.run((s) => teams.updateTeam(s, { id: foreign.id, name: "Ours" }))),
    ).toMatchObject({ code: "NOT_FOUND" });
  });

  test("deleting a team leaves its tickets without a team, keeping their agents", async () => {
    const d = await desk(db);
    const agent = await d.join("member");
    const team = await d.owner.run((s) =>
      teams.createTeam(s, { name: "Going", memberIds: [agent.userId] }),
    );
    const [ticket] = await d.waiting(team.id, 1, agent.userId);
    expect(await d.owner.run((s) => teams.deleteTeam(s, { id: team.id }))).toEqual({ ok: true });
    const after = await d.owner.run((s) => ticketsService.getTicket(s, { id: ticket ?? "" }));
    expect(after).toMatchObject({ teamId: null, assigneeId: agent.userId });
    expect(await d.owner.run(teams.listTeams)).toEqual([]);
    expect(await refusal(d.owner.run((s) => teams.deleteTeam(s, { id: team.id })))).toMatchObject({
      code: "NOT_FOUND",
    });
    const rows = await d.owner.run((s) =>
      s.tx.select({ id: tickets.id }).from(tickets).where(eq(tickets.teamId, team.id)),
    );
    expect(rows).toEqual([]);
  });
});
