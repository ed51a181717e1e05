// Agents' availability against the real database: the heartbeat, stale presence, the manual
// override, and coming online queuing the agent's automatic teams.
import { afterAll, describe, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import { createDatabase } from "@supportdesk/database";
import { AppError } from "./errors";
import * as teams from "./teams";
import { desk } from "./teams-test-kit";

const db = createDatabase({ url: env().DATABASE_URL, max: 4 });
afterAll(() => db.close());

describe("the effective status", () => {
  const now = new Date("2030-01-01T12:00:00Z");
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
  test("manual wins; otherwise online only while the presence is fresh; no row is offline", () => {
    expect(teams.effectiveAvailability(null, now)).toBe("offline");
    const fresh = { presence: "online" as const, manual: null, updatedAt: ago(30) };
    expect(teams.effectiveAvailability(fresh, now)).toBe("online");
    expect(teams.effectiveAvailability({ ...fresh, updatedAt: ago(181) }, now)).toBe("offline");
    expect(teams.effectiveAvailability({ ...fresh, manual: "away" }, now)).toBe("away");
    expect(
      teams.effectiveAvailability({ ...fresh, manual: "online", updatedAt: ago(9999) }, now),
    ).toBe("online");
    expect(teams.effectiveAvailability({ ...fresh, presence: "offline" }, now)).toBe("offline");
  });
});

describe("heartbeat and override", () => {
  test("a heartbeat makes the agent online; three minutes of silence makes them offline", async () => {
    const d = await desk(db);
    const agent = await d.join("member");
    expect(await agent.run(teams.myAvailability)).toMatchObject({
      userId: agent.userId,
      status: "offline",
      manual: null,
      present: false,
    });
    expect(await agent.run(teams.heartbeat)).toMatchObject({ status: "online", present: true });
    await d.availability(agent.userId, "online", null, teams.PRESENCE_TTL_SECONDS + 5);
    expect(await agent.run(teams.myAvailability)).toMatchObject({
      status: "offline",
      present: false,
    });
    const team = await d.team("manual", 5, [agent.userId]);
    const [listed] = await d.owner.run(teams.listTeams);
    expect(listed?.id).toBe(team);
    expect(listed?.members[0]?.availability).toBe("offline");
  });

  test("the override beats presence; Automatic (null) follows presence again, not the click", async () => {
    const d = await desk(db);
    const agent = await d.join("member");
    await agent.run(teams.heartbeat);
    expect(await agent.run((s) => teams.setAvailability(s, { status: "away" }))).toMatchObject({
      status: "away",
      manual: "away",
      present: true,
    });
    // Stale presence: choosing Automatic does not count as a heartbeat.
    await d.availability(agent.userId, "online", "away", teams.PRESENCE_TTL_SECONDS + 60);
    expect(await agent.run((s) => teams.setAvailability(s, { status: null }))).toMatchObject({
      status: "offline",
      manual: null,
    });
    expect(await agent.run((s) => teams.setAvailability(s, { status: "online" }))).toMatchObject({
      status: "online",
    });
  });

  test("coming online queues the agent's automatic teams, once; viewers cannot beat", async () => {
    const d = await desk(db);
    const agent = await d.join("member");
    const auto = await d.team("round_robin", 5, [agent.userId]);
    await d.team("manual", 5, [agent.userId]);
    await d.team("least_loaded", 5, []);
    await agent.run(teams.heartbeat);
    await agent.run(teams.heartbeat);
    expect(await d.jobs("team.assign")).toEqual([{ tenantId: d.tenant.id, teamId: auto }]);
    await agent.run((s) => teams.setAvailability(s, { status: "offline" }));
    await agent.run((s) => teams.setAvailability(s, { status: null }));
    expect(await d.jobs("team.assign")).toHaveLength(2);

    const viewer = await d.join("viewer");
    const refused = await viewer.run(teams.heartbeat).catch((e: AppError) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("FORBIDDEN");
  });
});
