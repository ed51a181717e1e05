// Test support for the automation tests: a desk (macros' test desk) with its rules, and `drain`,
// which plays the worker: runs every automation event the tenant's changes queued, and the events
// those runs queued, until none is left.
import { and, asc, automationRuns, type Database, eq, outbox } from "@supportdesk/database";
import type { TenantScope } from "../context";
import { createRule } from "./crud";
import type { EngineDeps, RunOutcome } from "./engine";
import { runAutomationEvent } from "./event-run";
import type { RuleInput } from "./schema";

export { failure, openDesks, unique } from "../macros/test-desk";

type Run = { run: <T>(fn: (scope: TenantScope) => Promise<T>) => Promise<T> };

export const rule = (who: Run, input: RuleInput) => who.run((s) => createRule(s, input));

/** The tenant's queued automation events, oldest first. */
export async function automationEvents(db: Database, tenantId: string) {
  return db.platform
    .select({ id: outbox.id, payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.tenantId, tenantId), eq(outbox.jobName, "automation.event")))
    .orderBy(asc(outbox.createdAt), asc(outbox.id));
}

/**
 * Runs every automation event of the tenant not run yet by this drain (and those they cause),
 * like the worker would; `seen` carries over between drains so each event runs once unless a
 * test replays it on purpose.
 */
export async function drain(
  db: Database,
  tenantId: string,
  deps: EngineDeps = {},
  seen: Set<string> = new Set(),
): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  for (let round = 0; round < 20; round++) {
    const fresh = (await automationEvents(db, tenantId)).filter((e) => !seen.has(e.id));
    if (fresh.length === 0) return outcomes;
    for (const event of fresh) {
      seen.add(event.id);
      outcomes.push(...(await runAutomationEvent(db, event.payload, deps)).outcomes);
    }
  }
  throw new Error("drain: events kept coming after 20 rounds");
}

/** The tenant's run log, oldest first. */
export async function runsOf(db: Database, tenantId: string, ruleId?: string) {
  return db.withTenant(tenantId, (tx) =>
    tx
      .select({
        ruleId: automationRuns.ruleId,
        ticketId: automationRuns.ticketId,
        eventKey: automationRuns.eventKey,
        matched: automationRuns.matched,
        actions: automationRuns.actions,
        error: automationRuns.error,
        depth: automationRuns.depth,
      })
      .from(automationRuns)
      .where(ruleId ? eq(automationRuns.ruleId, ruleId) : undefined)
      .orderBy(asc(automationRuns.createdAt), asc(automationRuns.id)),
  );
}
