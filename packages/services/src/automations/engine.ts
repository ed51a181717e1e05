// The engine's parts: which rules an event fires, the system scope rules act with, the depth
// limit and per-ticket rate that end loops, and one rule's run in its own transaction (time
// triggers); an event's rules run together in ./event-run.ts.
import {
  and,
  automationRules,
  automationRuns,
  count,
  type Database,
  eq,
  gt,
  sql,
  type TenantDb,
} from "@supportdesk/database";
import type { RealtimeEvent } from "@supportdesk/domain";
import type { automationEventJob } from "@supportdesk/queue";
import type { z } from "zod";
import { builtInGrant, type TenantScope } from "../context";
import { type ActionTaken, applyActions } from "./actions";
import { loadNames } from "./describe";
import { conditionsHold } from "./evaluate";
import { loadFacts } from "./facts";
import type { Action, Conditions, Trigger } from "./schema";
import { stubWebhookSender, type WebhookSender } from "./webhooks";

/** How many rule actions may lead to one another before the engine stops the chain. */
export const MAX_DEPTH = 3;
/** At most this many runs that acted on one ticket in a minute. */
export const RATE_PER_MINUTE = 20;

export type EngineDeps = {
  webhooks?: WebhookSender | undefined;
  now?: (() => Date) | undefined;
  /** Collects the realtime events of the runs' notifications (published after the commit). */
  events?: RealtimeEvent[] | undefined;
};
export type AutomationEvent = z.input<typeof automationEventJob.payload>;

/** A rule as the engine reads it. */
export type StoredRule = {
  id: string;
  name: string;
  triggerType: string;
  trigger: Trigger;
  conditions: Conditions;
  actions: Action[];
};

export const storedRuleColumns = {
  id: automationRules.id,
  name: automationRules.name,
  triggerType: automationRules.triggerType,
  trigger: automationRules.trigger,
  conditions: automationRules.conditions,
  actions: automationRules.actions,
};

export function toStoredRule(row: {
  id: string;
  name: string;
  triggerType: string;
  trigger: unknown;
  conditions: unknown;
  actions: unknown;
}): StoredRule {
  const conditions = (row.conditions ?? {}) as Partial<Conditions>;
  return {
    ...row,
    trigger: row.trigger as Trigger,
    conditions: { all: conditions.all ?? [], any: conditions.any ?? [] },
    actions: (row.actions ?? []) as Action[],
  };
}

/** Whether a rule's trigger fits the event beyond its type: the fields changed, who wrote. */
export function fits(trigger: Trigger, event: AutomationEvent, author: string | null): boolean {
  if (trigger.type === "ticket.updated" && trigger.fields?.length) {
    const changed = Object.keys(event.changes ?? {});
    return trigger.fields.some((field) => changed.includes(field));
  }
  if (trigger.type === "message.received") {
    return author !== null && (trigger.from === "any" || trigger.from === author);
  }
  return true;
}

/** What one rule run is about. */
export type RunInput = {
  eventKey: string;
  ticketId: string;
  depth: number;
  causeRuleId?: string | undefined;
  messageId?: string | undefined;
  surveyId?: string | undefined;
  occurredAt: Date;
};

export type RunOutcome =
  | { ruleId: string; status: "duplicate" | "gone" | "not matched" }
  | { ruleId: string; status: "done"; actions: ActionTaken[] }
  | { ruleId: string; status: "stopped" | "failed"; error: string };

/** A system actor with an admin's powers, marked as the rule's change at this depth. */
export function systemScope(
  tx: TenantDb,
  tenantId: string,
  ruleId: string,
  depth: number,
): TenantScope {
  return {
    tx,
    tenantId,
    actor: { userId: null, apiKeyId: null, ip: null, userAgent: "automation" },
    ...builtInGrant("admin"),
    automation: { ruleId, depth },
  };
}

export async function stopReason(tx: TenantDb, input: RunInput, now: Date) {
  if (input.depth >= MAX_DEPTH) {
    const [cause] = input.causeRuleId
      ? await tx
          .select({ name: automationRules.name })
          .from(automationRules)
          .where(eq(automationRules.id, input.causeRuleId))
      : [];
    return `stopped: this change was caused by rule "${cause?.name ?? "a deleted rule"}", depth limit ${MAX_DEPTH}`;
  }
  const [recent] = await tx
    .select({ n: count() })
    .from(automationRuns)
    .where(
      and(
        eq(automationRuns.ticketId, input.ticketId),
        gt(automationRuns.createdAt, new Date(now.getTime() - 60_000)),
        sql`jsonb_array_length(${automationRuns.actions}) > 0`,
      ),
    );
  if ((recent?.n ?? 0) >= RATE_PER_MINUTE) {
    return `stopped: rules acted on this ticket ${RATE_PER_MINUTE} times in the last minute (rate limit)`;
  }
  return null;
}

export const latency = (input: RunInput, now: Date) =>
  Math.max(0, Math.min(2_000_000_000, now.getTime() - input.occurredAt.getTime()));

/**
 * Runs one rule for one event in its own transaction: claims the run (a second claim finds it
 * and does nothing), re-reads the ticket, evaluates, acts. A failed action rolls the rule's
 * changes back and is logged in a small transaction of its own.
 */
export async function runRule(
  db: Database,
  tenantId: string,
  rule: StoredRule,
  input: RunInput,
  deps: EngineDeps = {},
): Promise<RunOutcome> {
  const clock = deps.now ?? (() => new Date());
  let matched = false;
  try {
    return await db.withTenant(tenantId, async (tx): Promise<RunOutcome> => {
      const [run] = await tx
        .insert(automationRuns)
        .values({
          ruleId: rule.id,
          ticketId: input.ticketId,
          eventKey: input.eventKey,
          trigger: rule.triggerType,
          matched: false,
          depth: input.depth,
        })
        .onConflictDoNothing()
        .returning({ id: automationRuns.id });
      if (!run) return { ruleId: rule.id, status: "duplicate" };
      const finish = (set: Partial<typeof automationRuns.$inferInsert>) =>
        tx
          .update(automationRuns)
          .set({ ...set, latencyMs: latency(input, clock()) })
          .where(eq(automationRuns.id, run.id));
      const now = clock();
      const facts = await loadFacts(tx, input.ticketId, { ...input, now });
      if (!facts || facts.ticket.mergedIntoId) {
        await finish({ error: "skipped: the ticket is gone or merged" });
        return { ruleId: rule.id, status: "gone" };
      }
      matched = conditionsHold(rule.conditions, facts);
      if (!matched) {
        await finish({});
        return { ruleId: rule.id, status: "not matched" };
      }
      const stopped = await stopReason(tx, input, now);
      if (stopped) {
        await finish({ matched: true, error: stopped });
        return { ruleId: rule.id, status: "stopped", error: stopped };
      }
      const actions = await applyActions(
        {
          scope: systemScope(tx, tenantId, rule.id, input.depth),
          runId: run.id,
          rule: { id: rule.id, name: rule.name },
          facts,
          names: await loadNames(tx, rule.actions),
          webhooks: deps.webhooks ?? stubWebhookSender,
          events: deps.events,
        },
        rule.actions,
      );
      await finish({ matched: true, actions });
      return { ruleId: rule.id, status: "done", actions };
    });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    await db.withTenant(tenantId, (tx) =>
      tx
        .insert(automationRuns)
        .values({
          ruleId: rule.id,
          ticketId: input.ticketId,
          eventKey: input.eventKey,
          trigger: rule.triggerType,
          matched,
          depth: input.depth,
          error: message,
          latencyMs: latency(input, clock()),
        })
        .onConflictDoNothing(),
    );
    return { ruleId: rule.id, status: "failed", error: message };
  }
}
