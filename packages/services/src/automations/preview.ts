// "Test against the last 100 tickets": what a rule (saved or a draft) would have done to each of
// the tenant's newest tickets if its trigger happened now — reading only, writing nothing.
import { desc, tickets } from "@supportdesk/database";
import { authorize, type TenantScope } from "../context";
import { parse } from "./checks";
import { findRule, toRule } from "./crud";
import { describeAction, loadNames } from "./describe";
import { conditionsHold, type Facts } from "./evaluate";
import { loadManyFacts } from "./facts";
import { type PreviewInput, previewSchema, type Trigger } from "./schema";

export const PREVIEW_TICKETS = 100;

/** For a time trigger: whether the ticket is in its state and its moment has passed by `now`. */
function timeHasCome(trigger: Trigger, facts: Facts, now: Date): boolean {
  if (trigger.type !== "time") return true;
  const { ticket } = facts;
  const ms = trigger.minutes * 60_000;
  const passed = (anchor: Date | null, sign = -1) =>
    anchor !== null && anchor.getTime() <= now.getTime() + sign * ms;
  switch (trigger.after) {
    case "pending":
      return ticket.status === "pending" && passed(ticket.statusChangedAt);
    case "unassigned":
      return ticket.assigneeId === null && ticket.status === "open" && passed(ticket.createdAt);
    case "created":
      return passed(ticket.createdAt);
    case "updated":
      return passed(ticket.updatedAt);
    case "sla_due":
      return passed(ticket.slaDueAt, 1);
  }
}

/**
 * What a rule would do to each of the last 100 tickets (newest first): `matched`, and the actions
 * in words. Nothing is written: no run, no change, no email.
 *
 * @example
 * const rows = await previewRule(scope, { id: ruleId });
 */
export async function previewRule(scope: TenantScope, input: PreviewInput) {
  authorize(scope, "automation.manage");
  const draft = parse(previewSchema, input);
  const rule = "id" in draft ? toRule(await findRule(scope, draft.id)) : draft;
  const conditions = rule.conditions ?? { all: [], any: [] };
  const now = new Date();
  const latest = await scope.tx
    .select({ id: tickets.id })
    .from(tickets)
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(PREVIEW_TICKETS);
  const facts = await loadManyFacts(
    scope.tx,
    latest.map((t) => t.id),
    now,
  );
  const names = await loadNames(scope.tx, rule.actions);
  const actions = rule.actions.map((action) => describeAction(action, names));
  return facts.map((f) => {
    const matched =
      !f.ticket.mergedIntoId && timeHasCome(rule.trigger, f, now) && conditionsHold(conditions, f);
    return {
      ticketId: f.ticket.id,
      number: f.ticket.number,
      subject: f.ticket.subject,
      matched,
      actions: matched ? actions : [],
    };
  });
}
