// Teams through the router: admins manage them, everyone sees them, agents set their own
// availability, and a ticket put in a team shows in it.
import { afterAll, describe, expect, test } from "bun:test";
import { callerFor, codeOf, createTeam, createTestDeps } from "../testing";

const deps = await createTestDeps();
afterAll(() => deps.close());

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected an error");
    },
    (error: { code?: string; message?: string; data?: { field?: string } }) => ({
      code: error.code,
      message: error.message,
    }),
  );

describe("managing teams", () => {
  test("an admin creates, edits and deletes a team; a member lists it but cannot change it", async () => {
    const { owner, join } = await createTeam(deps, "Router Teams Co");
    const agent = await join("member");
    const team = await owner.here.teams.create({
      name: "Billing",
      assignment: "least_loaded",
      capacity: 4,
      memberIds: [agent.userId],
    });
    expect(team).toMatchObject({ name: "Billing", assignment: "least_loaded", capacity: 4 });
    const [listed] = await agent.here.teams.list();
    expect(listed).toMatchObject({ id: team.id, waiting: 0 });
    expect(listed?.members).toEqual([
      expect.objectContaining({ userId: agent.userId, availability: "offline", load: 0 }),
    ]);
    const refused = await errorOf(agent.here.teams.update({ id: team.id, name: "Mine" }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toContain("team.manage");

    expect(
      await owner.here.teams.update({ id: team.id, capacity: 9, memberIds: [] }),
    ).toMatchObject({ capacity: 9, memberIds: [] });
    expect(await owner.here.teams.delete({ id: team.id })).toEqual({ ok: true });
    expect(await owner.here.teams.list()).toEqual([]);
    expect(await codeOf(owner.here.teams.delete({ id: team.id }))).toBe("NOT_FOUND");
  });

  test("bad input is refused naming what is wrong, never a 500", async () => {
    const { owner } = await createTeam(deps, "Router Input Co");
    expect(await codeOf(owner.here.teams.create({ name: "x".repeat(81) }))).toBe("BAD_REQUEST");
    expect(await codeOf(owner.here.teams.create({ name: "Ops", capacity: 1001 }))).toBe(
      "BAD_REQUEST",
    );
    const stranger = await errorOf(
      owner.here.teams.create({ name: "Ops", memberIds: [crypto.randomUUID()] }),
    );
    expect(stranger).toMatchObject({ code: "BAD_REQUEST" });
    expect(stranger.message).toContain("memberIds");
    await owner.here.teams.create({ name: "Ops" });
    expect(await codeOf(owner.here.teams.create({ name: "Ops" }))).toBe("CONFLICT");
  });

  test("a ticket put in a team is counted as waiting there; deleting the team leaves it teamless", async () => {
    const { owner } = await createTeam(deps, "Router Waiting Co");
    const team = await owner.here.teams.create({ name: "Triage" });
    const ticket = await owner.here.tickets.create({ subject: "Help", body: "please" });
    await owner.here.tickets.update({ id: ticket.id, teamId: team.id });
    expect((await owner.here.teams.list())[0]?.waiting).toBe(1);
    await owner.here.teams.delete({ id: team.id });
    expect((await owner.here.tickets.get({ id: ticket.id })).teamId).toBeNull();
  });
});

describe("availability", () => {
  test("an agent beats, sets and clears their own availability; a viewer and an API key cannot", async () => {
    const { owner, join } = await createTeam(deps, "Router Presence Co");
    const agent = await join("member");
    expect(await agent.here.teams.myAvailability()).toMatchObject({
      userId: agent.userId,
      status: "offline",
      manual: null,
    });
    expect(await agent.here.teams.heartbeat()).toMatchObject({ status: "online", present: true });
    expect(await agent.here.teams.setAvailability({ status: "away" })).toMatchObject({
      status: "away",
      manual: "away",
    });
    expect(await agent.here.teams.setAvailability({ status: null })).toMatchObject({
      status: "online",
      manual: null,
    });
    const viewer = await join("viewer");
    expect(await codeOf(viewer.here.teams.heartbeat())).toBe("FORBIDDEN");
    const key = await owner.here.apiKeys.create({ name: "Bot", role: "member" });
    const bot = callerFor(deps, { authorization: `Bearer ${key.key}` });
    expect(await codeOf(bot.teams.heartbeat())).toBe("FORBIDDEN");
  });
});
