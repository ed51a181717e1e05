// SLA policies against the real database: who may manage them, what they may hold (each refusal
// naming its field), order; and how tickets.get / tickets.list show, sort and filter by SLA
// through the real ticket services.
import { afterAll, describe, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import { createDatabase } from "@supportdesk/database";
import { AppError } from "../errors";
import * as tickets from "../tickets";
import {
  createPolicy,
  deletePolicy,
  listPolicies,
  reorderPolicies,
  updatePolicy,
} from "./policies";
import { slaOf } from "./state";
import { slaDesk } from "./test-kit";

const db = createDatabase({ url: env().DATABASE_URL, max: 4 });
afterAll(() => db.close());

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      return { code: error.code, field: error.field };
    },
  );

const TARGETS = { urgent: { first_response: { minutes: 30, businessHours: false } } };

describe("SLA policies", () => {
  test("an admin creates, edits, reorders and deletes policies; creating one starts the sweep chain", async () => {
    const d = await slaDesk(db);
    const admin = await d.join("admin", "Ada");
    const a = await admin.run((s) => createPolicy(s, { name: "First", targets: TARGETS }));
    const b = await admin.run((s) =>
      createPolicy(s, { name: "Second", targets: TARGETS, tags: ["vip", "vip "] }),
    );
    expect(b).toMatchObject({ position: 1, tags: ["vip"], enabled: true, warnMinutes: 30 });
    expect(await d.jobs("service-levels.sweep")).toHaveLength(1); // one per tenant (keyed)
    await admin.run((s) => updatePolicy(s, { id: a.id, warnMinutes: 10, enabled: false }));
    const order = await admin.run((s) => reorderPolicies(s, { ids: [b.id] }));
    expect(order.map((p) => [p.name, p.position, p.enabled])).toEqual([
      ["Second", 0, true],
      ["First", 1, false],
    ]);
    await admin.run((s) => deletePolicy(s, { id: a.id }));
    expect((await admin.run(listPolicies)).map((p) => p.name)).toEqual(["Second"]);
  });

  test("agents cannot manage policies", async () => {
    const d = await slaDesk(db);
    const agent = await d.join("member", "Bo");
    expect(await refusal(agent.run(listPolicies))).toEqual({ code: "FORBIDDEN", field: undefined });
    expect(
      await refusal(agent.run((s) => createPolicy(s, { name: "X", targets: TARGETS }))),
    ).toMatchObject({
      code: "FORBIDDEN",
    });
  });

  test("bad input is refused naming the field", async () => {
    const d = await slaDesk(db);
    const other = await slaDesk(db);
    const foreignCalendar = await other.calendar();
    const foreignTeam = await other.team("manual", 1, []);
    await d.owner.run((s) => createPolicy(s, { name: "Taken", targets: TARGETS }));
    const minutes = (n: number) => ({
      normal: { resolution: { minutes: n, businessHours: true } },
    });
    const cases: [string, Parameters<typeof createPolicy>[1], { code: string; field: string }][] = [
      ["no minutes", { name: "A", targets: minutes(0) }, { code: "BAD_REQUEST", field: "targets" }],
      [
        "over a year",
        { name: "A", targets: minutes(525_601) },
        { code: "BAD_REQUEST", field: "targets" },
      ],
      ["no targets", { name: "A", targets: {} }, { code: "BAD_REQUEST", field: "targets" }],
      [
        "another tenant's calendar",
        { name: "A", targets: TARGETS, businessHoursId: foreignCalendar },
        { code: "BAD_REQUEST", field: "businessHoursId" },
      ],
      [
        "another tenant's team",
        { name: "A", targets: TARGETS, teamIds: [foreignTeam] },
        { code: "BAD_REQUEST", field: "teamIds" },
      ],
      ["a taken name", { name: " taken ", targets: TARGETS }, { code: "CONFLICT", field: "name" }],
      ["a blank name", { name: "  ", targets: TARGETS }, { code: "BAD_REQUEST", field: "name" }],
    ];
    for (const [what, input, expected] of cases) {
      const got: unknown = await refusal(d.owner.run((s) => createPolicy(s, input)));
      expect([what, got]).toEqual([what, expected]);
    }
    expect(
      await refusal(d.owner.run((s) => updatePolicy(s, { id: crypto.randomUUID(), name: "Z" }))),
    ).toEqual({
      code: "NOT_FOUND",
      field: undefined,
    });
  });
});

describe("tickets carry their SLA", () => {
  test("tickets.get and tickets.list show sla; the inbox sorts by due (none last) and filters by state", async () => {
    const d = await slaDesk(db);
    await d.owner.run((s) =>
      createPolicy(s, {
        name: "By priority",
        targets: {
          urgent: { resolution: { minutes: 10, businessHours: false } },
          high: { resolution: { minutes: 120, businessHours: false } },
        },
      }),
    );
    const open = (subject: string, priority: "urgent" | "high" | "low") =>
      d.owner.run((s) => tickets.createTicket(s, { subject, body: "Hi", priority }));
    await open("High", "high");
    const urgent = await open("Urgent", "urgent");
    const low = await open("Low", "low");
    const waiting = await open("Waiting", "high");
    await d.owner.run((s) => tickets.updateTicket(s, { id: waiting.id, status: "pending" }));

    const got = await d.owner.run((s) => tickets.getTicket(s, { id: urgent.id }));
    expect(got.sla).toMatchObject({ target: "resolution", state: "due_soon" });
    expect((await d.owner.run((s) => tickets.getTicket(s, { id: low.id }))).sla).toBeNull();

    const list = await d.owner.run((s) => tickets.listTickets(s, { perPage: 2, sort: "due" }));
    expect(list.data.map((t) => t.subject)).toEqual(["Urgent", "High"]);
    expect(list.data[1]?.sla).toMatchObject({ state: "on_track", target: "resolution" });
    expect("slaDueAt" in (list.data[0] ?? {})).toBe(false);
    const rest = await d.owner.run((s) =>
      tickets.listTickets(s, {
        perPage: 2,
        sort: "due",
        cursor: list.pagination.next_cursor ?? "",
      }),
    );
    expect(rest.data.map((t) => t.subject).sort()).toEqual(["Low", "Waiting"]);

    const filtered = async (sla: "breached" | "due_soon" | "on_track" | "paused") =>
      (await d.owner.run((s) => tickets.listTickets(s, { perPage: 10, sla }))).data.map(
        (t) => t.subject,
      );
    expect(await filtered("due_soon")).toEqual(["Urgent"]);
    expect(await filtered("on_track")).toEqual(["High"]);
    expect(await filtered("paused")).toEqual(["Waiting"]);
    expect(await filtered("breached")).toEqual([]);
  });

  test("slaOf: the state from the ticket's columns", () => {
    const now = new Date("2026-05-04T10:00:00.000Z");
    const due = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    const cases: [string, Parameters<typeof slaOf>[0], ReturnType<typeof slaOf>][] = [
      ["no policy", { slaDueAt: null, slaTarget: null, slaPaused: false }, null],
      [
        "breached",
        { slaDueAt: due(-12), slaTarget: "first_response", slaPaused: false },
        { dueAt: due(-12).toISOString(), target: "first_response", state: "breached" },
      ],
      [
        "due soon",
        { slaDueAt: due(30), slaTarget: "resolution", slaPaused: false },
        { dueAt: due(30).toISOString(), target: "resolution", state: "due_soon" },
      ],
      [
        "on track",
        { slaDueAt: due(31), slaTarget: "resolution", slaPaused: false },
        { dueAt: due(31).toISOString(), target: "resolution", state: "on_track" },
      ],
      [
        "paused",
        { slaDueAt: null, slaTarget: "resolution", slaPaused: true },
        { dueAt: null, target: "resolution", state: "paused" },
      ],
      [
        "met",
        { slaDueAt: null, slaTarget: "next_response", slaPaused: false },
        { dueAt: null, target: "next_response", state: "met" },
      ],
    ];
    for (const [what, row, expected] of cases)
      expect([what, slaOf(row, now)]).toEqual([what, expected]);
  });
});
