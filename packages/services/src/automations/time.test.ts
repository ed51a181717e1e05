// Time-based triggers: a rule fires once per ticket and anchor however often the sweep runs, and
// again when the ticket re-enters the state; the sweep keeps going while time rules exist.
import { afterAll, expect, test } from "bun:test";
import { and, eq, isNull, outbox } from "@supportdesk/database";
import { sweepKey } from "@supportdesk/queue";
import * as tickets from "../tickets";
import { toggleRule } from "./crud";
import { hasTimeRules, sweepTimeTriggers } from "./hooks";
import { openDesks, rule, runsOf } from "./test-kit";

const { db, desk } = openDesks();
afterAll(() => db.close());

const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

test("'pending for an hour' fires once per stay in pending, and again after re-entering it", async () => {
  const { owner, tenant } = await desk("Time Co");
  expect(await owner.run((s) => hasTimeRules(s.tx))).toBe(false);
  const nudge = await rule(owner, {
    name: "Nudge pending",
    trigger: { type: "time", after: "pending", minutes: 60 },
    actions: [{ type: "add_note", body: "Still waiting on the customer" }],
  });
  expect(await owner.run((s) => hasTimeRules(s.tx))).toBe(true);
  // Creating the rule made sure the tenant's sweep is waiting.
  const sweeps = await db.platform
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.jobKey, sweepKey(tenant.id)), isNull(outbox.dispatchedAt)));
  expect(sweeps).toHaveLength(1);

  const waiting = await owner.run((s) =>
    tickets.createTicket(s, { subject: "Waiting", body: "x" }),
  );
  const open = await owner.run((s) => tickets.createTicket(s, { subject: "Open", body: "x" }));
  await owner.run((s) => tickets.updateTicket(s, { id: waiting.id, status: "pending" }));

  expect((await sweepTimeTriggers(db, tenant.id, later(30))).fired).toBe(0);
  expect((await sweepTimeTriggers(db, tenant.id, later(61))).fired).toBe(1);
  expect((await sweepTimeTriggers(db, tenant.id, later(62))).fired).toBe(0);
  expect((await sweepTimeTriggers(db, tenant.id, later(600))).fired).toBe(0);
  let runs = await runsOf(db, tenant.id, nudge.id);
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({ ticketId: waiting.id, matched: true, error: null, depth: 0 });
  expect(runs[0]?.eventKey.startsWith(`time:${waiting.id}:`)).toBe(true);
  expect(runs.some((r) => r.ticketId === open.id)).toBe(false);

  // Back to open and pending again: a new stay, a new anchor, it fires once more.
  await owner.run((s) => tickets.updateTicket(s, { id: waiting.id, status: "open" }));
  await Bun.sleep(5);
  await owner.run((s) => tickets.updateTicket(s, { id: waiting.id, status: "pending" }));
  expect((await sweepTimeTriggers(db, tenant.id, later(61))).fired).toBe(1);
  expect((await sweepTimeTriggers(db, tenant.id, later(61))).fired).toBe(0);
  runs = await runsOf(db, tenant.id, nudge.id);
  expect(runs).toHaveLength(2);
  const ticket = await owner.run((s) => tickets.getTicket(s, { id: waiting.id }));
  expect(ticket.messages.filter((m) => m.body === "Still waiting on the customer")).toHaveLength(2);

  // Switched off: the sweep has nothing to do for it.
  await owner.run((s) => toggleRule(s, { id: nudge.id, enabled: false }));
  expect(await owner.run((s) => hasTimeRules(s.tx))).toBe(false);
});

test("'SLA due in 15 minutes' fires before the due time, and conditions still apply", async () => {
  const { owner, tenant } = await desk("Due Co");
  const warn = await rule(owner, {
    name: "Warn before due",
    trigger: { type: "time", after: "sla_due", minutes: 15 },
    conditions: { all: [{ field: "priority", op: "is", value: "urgent" }], any: [] },
    actions: [{ type: "add_tags", tags: ["due-soon"] }],
  });
  const urgent = await owner.run((s) =>
    tickets.createTicket(s, { subject: "U", body: "x", priority: "urgent" }),
  );
  const normal = await owner.run((s) => tickets.createTicket(s, { subject: "N", body: "x" }));
  const due = later(60);
  await db.withTenant(tenant.id, async (tx) => {
    const { tickets: table, inArray } = await import("@supportdesk/database");
    await tx
      .update(table)
      .set({ slaDueAt: due })
      .where(inArray(table.id, [urgent.id, normal.id]));
  });
  expect((await sweepTimeTriggers(db, tenant.id, later(40))).fired).toBe(0);
  expect((await sweepTimeTriggers(db, tenant.id, later(46))).fired).toBe(2);
  const runs = await runsOf(db, tenant.id, warn.id);
  expect(runs.map((r) => [r.ticketId, r.matched])).toEqual(
    expect.arrayContaining([
      [urgent.id, true],
      [normal.id, false],
    ]),
  );
  expect((await owner.run((s) => tickets.getTicket(s, { id: urgent.id }))).tags).toEqual([
    "due-soon",
  ]);
  expect((await owner.run((s) => tickets.getTicket(s, { id: normal.id }))).tags).toEqual([]);
});
