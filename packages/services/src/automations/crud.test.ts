// Managing rules against the real database: who may, names unique ignoring case, references
// only to the tenant's own people, teams and fields, order; the preview writes nothing; the run log.
import { afterAll, describe, expect, test } from "bun:test";
import {
  auditLog,
  automationRules,
  automationRuns,
  businessHours,
  count,
  eq,
  messages,
  notifications,
  outbox,
  sql,
  tickets as ticketsTable,
} from "@supportdesk/database";
import { createTeam } from "../teams-write";
import * as tickets from "../tickets";
import { deleteRule, listRules, reorderRules, toggleRule, updateRule } from "./crud";
import { previewRule } from "./preview";
import { listRuns } from "./runs";
import { drain, failure, openDesks, rule } from "./test-kit";

const { db, desk } = openDesks();
afterAll(() => db.close());

const tagRule = (name: string) => ({
  name,
  trigger: { type: "ticket.created" as const },
  actions: [{ type: "add_tags" as const, tags: ["x"] }],
});

describe("managing rules", () => {
  test("create, list in order, reorder, edit, switch off, delete (agents may not)", async () => {
    const { owner, join } = await desk("Crud Co");
    const agent = await join("member", "Ann Agent");
    expect((await failure(agent.run((s) => listRules(s)))).code).toBe("FORBIDDEN");
    expect((await failure(rule(agent, tagRule("Mine")))).code).toBe("FORBIDDEN");
    const a = await rule(owner, tagRule("First"));
    const b = await rule(owner, tagRule("Second"));
    expect(a).toMatchObject({ enabled: true, position: 0, conditions: { all: [], any: [] } });
    expect(b.position).toBe(1);
    const reordered = await owner.run((s) => reorderRules(s, { ids: [b.id, a.id] }));
    expect(reordered.map((r) => r.name)).toEqual(["Second", "First"]);
    expect((await failure(owner.run((s) => reorderRules(s, { ids: [a.id] })))).field).toBe("ids");
    const edited = await owner.run((s) =>
      updateRule(s, {
        id: a.id,
        name: "First, edited",
        conditions: { all: [{ field: "priority", op: "is", value: "urgent" }], any: [] },
      }),
    );
    expect(edited).toMatchObject({
      name: "First, edited",
      actions: [{ type: "add_tags", tags: ["x"] }],
    });
    expect((await owner.run((s) => toggleRule(s, { id: a.id, enabled: false }))).enabled).toBe(
      false,
    );
    await owner.run((s) => deleteRule(s, { id: b.id }));
    expect((await owner.run((s) => listRules(s))).map((r) => r.name)).toEqual(["First, edited"]);
    expect((await failure(owner.run((s) => deleteRule(s, { id: b.id })))).code).toBe("NOT_FOUND");
    expect(
      (await failure(owner.run((s) => toggleRule(s, { id: "nope", enabled: true })))).code,
    ).toBe("NOT_FOUND");
  });

  test("names are unique ignoring case", async () => {
    const { owner } = await desk("Names Co");
    const first = await rule(owner, tagRule("Escalate"));
    expect(await failure(rule(owner, tagRule("  ESCALATE ")))).toMatchObject({
      code: "CONFLICT",
      field: "name",
    });
    await rule(owner, tagRule("Other"));
    expect(
      await failure(owner.run((s) => updateRule(s, { id: first.id, name: "other" }))),
    ).toMatchObject({ code: "CONFLICT", field: "name" });
  });

  test("people, teams and fields must be the tenant's; bad shapes name their path", async () => {
    const mine = await desk("Mine Co");
    const theirs = await desk("Theirs Co");
    const theirTeam = await theirs.owner.run((s) => createTeam(s, { name: "Theirs" }));
    const stranger = await theirs.join("member", "Their Agent");
    const refused = [
      [
        { ...tagRule("T1"), actions: [{ type: "set_team", teamId: theirTeam.id }] },
        "actions.0.teamId",
      ],
      [
        { ...tagRule("T2"), actions: [{ type: "set_assignee", userId: stranger.userId }] },
        "actions.0.userId",
      ],
      [
        {
          ...tagRule("T3"),
          actions: [
            { type: "add_tags", tags: ["a"] },
            { type: "notify", teamIds: [theirTeam.id], message: "hi" },
          ],
        },
        "actions.1.teamIds",
      ],
      [
        {
          ...tagRule("T4"),
          conditions: { all: [], any: [{ field: "team", op: "is", value: theirTeam.id }] },
        },
        "conditions.any.0.value",
      ],
      [
        {
          ...tagRule("T5"),
          conditions: { all: [{ field: `field:${crypto.randomUUID()}`, op: "is_set" }], any: [] },
        },
        "conditions.all.0.field",
      ],
      [
        {
          ...tagRule("T6"),
          actions: [{ type: "set_field", fieldId: crypto.randomUUID(), value: "x" }],
        },
        "actions.0.fieldId",
      ],
      [{ ...tagRule("T7"), trigger: { type: "time", after: "soon", minutes: 5 } }, "trigger.after"],
    ] as const;
    for (const [input, field] of refused) {
      expect(await failure(rule(mine.owner, input as never))).toMatchObject({
        code: "BAD_REQUEST",
        field,
      });
    }
    expect(await mine.owner.run((s) => listRules(s))).toEqual([]);
  });
});

describe("preview and run log", () => {
  test("the preview says what a draft would do to the newest tickets and writes nothing", async () => {
    const { owner, tenant } = await desk("Preview Co");
    const team = await owner.run((s) => createTeam(s, { name: "Billing" }));
    const urgent = await owner.run((s) =>
      tickets.createTicket(s, { subject: "Down", body: "x", priority: "urgent" }),
    );
    const calm = await owner.run((s) =>
      tickets.createTicket(s, { subject: "Question", body: "x" }),
    );
    const counts = () =>
      db.withTenant(tenant.id, async (tx) => ({
        tickets: await tx
          .select({ n: count(), at: sql<string>`max(${ticketsTable.updatedAt})::text` })
          .from(ticketsTable),
        messages: await tx.select({ n: count() }).from(messages),
        runs: await tx.select({ n: count() }).from(automationRuns),
        rules: await tx.select({ n: count() }).from(automationRules),
        notifications: await tx.select({ n: count() }).from(notifications),
        audit: await tx.select({ n: count() }).from(auditLog),
        outbox: await db.platform
          .select({ n: count() })
          .from(outbox)
          .where(eq(outbox.tenantId, tenant.id)),
      }));
    const before = await counts();
    const rows = await owner.run((s) =>
      previewRule(s, {
        trigger: { type: "ticket.created" },
        conditions: { all: [{ field: "priority", op: "is", value: "urgent" }], any: [] },
        actions: [
          { type: "set_team", teamId: team.id },
          { type: "email_customer", subject: "Hello", body: "x" },
          { type: "notify", teamIds: [team.id], message: "Urgent one" },
        ],
      }),
    );
    expect(rows.map((r) => [r.number, r.matched])).toEqual([
      [calm.number, false],
      [urgent.number, true],
    ]);
    expect(rows[1]?.actions).toEqual([
      "Set team to Billing",
      "Email the customer: “Hello”",
      "Notify team Billing: “Urgent one”",
    ]);
    const saved = await rule(owner, { ...tagRule("Saved"), enabled: false });
    const savedBefore = await counts();
    expect((await owner.run((s) => previewRule(s, { id: saved.id }))).every((r) => r.matched)).toBe(
      true,
    );
    expect(await counts()).toEqual(savedBefore);
    expect(before.runs).toEqual(savedBefore.runs);
    expect(before.tickets).toEqual(savedBefore.tickets);
  });

  test("runs are listed newest first, by rule or ticket, in pages", async () => {
    const { owner, join, tenant } = await desk("Runs Co");
    const agent = await join("member", "Ann Agent");
    const tagger = await rule(owner, tagRule("Tagger"));
    const made: { id: string; number: number }[] = [];
    for (let i = 0; i < 3; i++) {
      made.push(await owner.run((s) => tickets.createTicket(s, { subject: `T${i}`, body: "x" })));
    }
    await drain(db, tenant.id);
    const first = await owner.run((s) => listRuns(s, { ruleId: tagger.id, perPage: 2 }));
    expect(first.data.map((r) => r.ticketNumber)).toEqual(
      made
        .slice(1)
        .reverse()
        .map((t) => t.number),
    );
    expect(first.data[0]).toMatchObject({ ruleName: "Tagger", matched: true, error: null });
    const next = await owner.run((s) =>
      listRuns(s, { ruleId: tagger.id, perPage: 2, cursor: first.pagination.next_cursor ?? "" }),
    );
    expect(next.data.map((r) => r.ticketNumber)).toEqual(made.slice(0, 1).map((t) => t.number));
    const one = await owner.run((s) => listRuns(s, { ticketId: made[1]?.id ?? "" }));
    expect(one.data).toHaveLength(1);
    expect((await failure(agent.run((s) => listRuns(s, {})))).code).toBe("FORBIDDEN");
    expect((await failure(owner.run((s) => listRuns(s, { cursor: "junk" })))).field).toBe("cursor");
  });
});

test("the business-hours condition reads the tenant's default calendar", async () => {
  const { owner, tenant } = await desk("Hours Co");
  await owner.run((s) => tickets.createTicket(s, { subject: "Any time", body: "x" }));
  const draft = (open: boolean) => ({
    trigger: { type: "ticket.created" as const },
    conditions: {
      all: [{ field: "businessHours" as const, op: "is" as const, value: open }],
      any: [],
    },
    actions: [{ type: "add_tags" as const, tags: ["x"] }],
  });
  // No calendar: always open (24/7).
  expect((await owner.run((s) => previewRule(s, draft(true))))[0]?.matched).toBe(true);
  // Open one minute a week, on another day than today: closed now.
  const days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
  const otherDay = days[(new Date().getUTCDay() + 3) % 7] ?? "mon";
  await db.withTenant(tenant.id, (tx) =>
    tx.insert(businessHours).values({
      name: "Hardly open",
      timezone: "UTC",
      weekly: { [otherDay]: [{ start: "03:00", end: "03:01" }] },
      holidays: [],
      isDefault: true,
    }),
  );
  expect((await owner.run((s) => previewRule(s, draft(true))))[0]?.matched).toBe(false);
  expect((await owner.run((s) => previewRule(s, draft(false))))[0]?.matched).toBe(true);
});
