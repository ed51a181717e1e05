// An `automation.event` job: the tenant's enabled rules whose trigger fits, in order, in ONE
// transaction — every run claimed at once (the run rows' unique key makes a redelivered job a
// no-op), the ticket's facts read once and again after a rule acts, each acting rule's changes in
// a savepoint of their own (a failed action rolls back only them, and its run keeps the error),
// the runs that did not match finished in one statement. A hundred rules cost a handful of
// statements, not a hundred transactions.
import {
  and,
  asc,
  automationRules,
  automationRuns,
  type Database,
  eq,
  inArray,
  type TenantDb,
} from "@supportdesk/database";
import type { RealtimeEvent } from "@supportdesk/domain";
import { automationEventJob } from "@supportdesk/queue";
import { type ActionTaken, applyActions } from "./actions";
import { loadNames } from "./describe";
import {
  type EngineDeps,
  fits,
  latency,
  type RunInput,
  type RunOutcome,
  type StoredRule,
  stopReason,
  storedRuleColumns,
  systemScope,
  toStoredRule,
} from "./engine";
import { conditionsHold, type Facts } from "./evaluate";
import { loadFacts, messageFacts } from "./facts";
import { TRIGGER_OF_KIND } from "./schema";
import { stubWebhookSender } from "./webhooks";

/**
 * Handles an `automation.event` job (see the file's header).
 *
 * @example
 * await runAutomationEvent(db, job.payload, { webhooks });
 */
export async function runAutomationEvent(
  db: Database,
  payload: unknown,
  deps: EngineDeps = {},
): Promise<{ rules: number; outcomes: RunOutcome[]; events: RealtimeEvent[] }> {
  const event = automationEventJob.payload.parse(payload);
  const events: RealtimeEvent[] = [];
  const clock = deps.now ?? (() => new Date());
  const input: RunInput = {
    eventKey: event.eventId,
    ticketId: event.ticketId,
    depth: event.depth,
    causeRuleId: event.ruleId,
    messageId: event.messageId,
    surveyId: event.surveyId,
    occurredAt: new Date(event.occurredAt),
  };
  return db.withTenant(event.tenantId, async (tx) => {
    const rows = await tx
      .select(storedRuleColumns)
      .from(automationRules)
      .where(
        and(
          eq(automationRules.triggerType, TRIGGER_OF_KIND[event.kind]),
          eq(automationRules.enabled, true),
        ),
      )
      .orderBy(
        asc(automationRules.position),
        asc(automationRules.createdAt),
        asc(automationRules.id),
      );
    const message =
      event.kind === "message" ? await messageFacts(tx, event.ticketId, event.messageId) : null;
    const rules = rows
      .map(toStoredRule)
      .filter((r) => fits(r.trigger, event, message?.author ?? null));
    if (rules.length === 0) return { rules: rows.length, outcomes: [], events };
    const claimed = await claimRuns(tx, rules, input);
    const outcomes: RunOutcome[] = [];
    const unmatched: string[] = [];
    let facts = await loadFacts(tx, input.ticketId, { ...input, now: clock() });
    for (const rule of rules) {
      const runId = claimed.get(rule.id);
      if (!runId) {
        outcomes.push({ ruleId: rule.id, status: "duplicate" });
        continue;
      }
      if (!facts || facts.ticket.mergedIntoId) {
        await finish(tx, runId, { error: "skipped: the ticket is gone or merged" }, input, clock);
        outcomes.push({ ruleId: rule.id, status: "gone" });
        continue;
      }
      if (!conditionsHold(rule.conditions, facts)) {
        unmatched.push(runId);
        outcomes.push({ ruleId: rule.id, status: "not matched" });
        continue;
      }
      const outcome = await act(tx, event.tenantId, rule, runId, facts, input, { ...deps, events });
      outcomes.push(outcome);
      if (outcome.status === "done" && outcome.actions.length > 0) {
        // What the rule changed is what the next rules see.
        facts = await loadFacts(tx, input.ticketId, { ...input, now: clock() });
      }
    }
    if (unmatched.length > 0) {
      await tx
        .update(automationRuns)
        .set({ latencyMs: latency(input, clock()) })
        .where(inArray(automationRuns.id, unmatched));
    }
    return { rules: rows.length, outcomes, events };
  });
}

/** Claims a run row per rule; a rule whose row already exists (a redelivered job) gets none. */
async function claimRuns(tx: TenantDb, rules: StoredRule[], input: RunInput) {
  const claimed = await tx
    .insert(automationRuns)
    .values(
      rules.map((rule) => ({
        ruleId: rule.id,
        ticketId: input.ticketId,
        eventKey: input.eventKey,
        trigger: rule.triggerType,
        matched: false,
        depth: input.depth,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: automationRuns.id, ruleId: automationRuns.ruleId });
  return new Map(claimed.map((row) => [row.ruleId, row.id]));
}

function finish(
  tx: TenantDb,
  runId: string,
  set: Partial<typeof automationRuns.$inferInsert>,
  input: RunInput,
  clock: () => Date,
) {
  return tx
    .update(automationRuns)
    .set({ ...set, latencyMs: latency(input, clock()) })
    .where(eq(automationRuns.id, runId));
}

/** A matching rule: stopped by the depth limit or the rate, or its actions in a savepoint. */
async function act(
  tx: TenantDb,
  tenantId: string,
  rule: StoredRule,
  runId: string,
  facts: Facts,
  input: RunInput,
  deps: EngineDeps,
): Promise<RunOutcome> {
  const clock = deps.now ?? (() => new Date());
  const stopped = await stopReason(tx, input, clock());
  if (stopped) {
    await finish(tx, runId, { matched: true, error: stopped }, input, clock);
    return { ruleId: rule.id, status: "stopped", error: stopped };
  }
  let actions: ActionTaken[];
  const published = deps.events?.length ?? 0;
  try {
    actions = await tx.transaction(async (savepoint) =>
      applyActions(
        {
          scope: systemScope(savepoint, tenantId, rule.id, input.depth),
          runId,
          rule: { id: rule.id, name: rule.name },
          facts,
          names: await loadNames(savepoint, rule.actions),
          webhooks: deps.webhooks ?? stubWebhookSender,
          events: deps.events,
        },
        rule.actions,
      ),
    );
  } catch (error) {
    // Rolled back with the savepoint: nobody's bell rings for it.
    deps.events?.splice(published);
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    await finish(tx, runId, { matched: true, error: message }, input, clock);
    return { ruleId: rule.id, status: "failed", error: message };
  }
  await finish(tx, runId, { matched: true, actions }, input, clock);
  return { ruleId: rule.id, status: "done", actions };
}
