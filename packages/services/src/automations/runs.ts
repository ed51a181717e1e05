// The run log: every evaluation of a rule (matched or not, the actions taken, why it stopped),
// newest first, for one rule or one ticket, in cursor pages.
import {
  and,
  automationRules,
  automationRuns,
  desc,
  eq,
  isUuid,
  lt,
  or,
  sql,
  tickets,
} from "@supportdesk/database";
import { authorize, type TenantScope } from "../context";
import { decodeCursor, toPage } from "../pagination";
import type { ActionTaken } from "./actions";

export const RUNS_PER_PAGE = 50;

/**
 * A page of runs, newest first, optionally for one rule and/or one ticket.
 *
 * @example
 * const page = await listRuns(scope, { ruleId });
 */
export async function listRuns(
  scope: TenantScope,
  input: {
    ruleId?: string | undefined;
    ticketId?: string | undefined;
    cursor?: string | undefined;
    perPage?: number | undefined;
  },
) {
  authorize(scope, "automation.manage");
  const perPage = Math.min(Math.max(input.perPage ?? RUNS_PER_PAGE, 1), 100);
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const nothing =
    (input.ruleId && !isUuid(input.ruleId)) || (input.ticketId && !isUuid(input.ticketId));
  const rows = nothing
    ? []
    : await scope.tx
        .select({
          id: automationRuns.id,
          ruleId: automationRuns.ruleId,
          ruleName: automationRules.name,
          ticketId: automationRuns.ticketId,
          ticketNumber: tickets.number,
          trigger: automationRuns.trigger,
          matched: automationRuns.matched,
          actions: automationRuns.actions,
          error: automationRuns.error,
          depth: automationRuns.depth,
          latencyMs: automationRuns.latencyMs,
          createdAt: automationRuns.createdAt,
        })
        .from(automationRuns)
        .innerJoin(
          automationRules,
          and(
            eq(automationRules.tenantId, automationRuns.tenantId),
            eq(automationRules.id, automationRuns.ruleId),
          ),
        )
        .leftJoin(
          tickets,
          and(
            eq(tickets.tenantId, automationRuns.tenantId),
            eq(tickets.id, automationRuns.ticketId),
          ),
        )
        .where(
          and(
            input.ruleId ? eq(automationRuns.ruleId, input.ruleId) : undefined,
            input.ticketId ? eq(automationRuns.ticketId, input.ticketId) : undefined,
            after
              ? or(
                  lt(automationRuns.createdAt, new Date(after.createdAt)),
                  and(
                    eq(automationRuns.createdAt, new Date(after.createdAt)),
                    sql`${automationRuns.id} < ${after.id}`,
                  ),
                )
              : undefined,
          ),
        )
        .orderBy(desc(automationRuns.createdAt), desc(automationRuns.id))
        .limit(perPage + 1);
  const page = toPage(
    rows.map((row) => ({ ...row, actions: row.actions as ActionTaken[] })),
    perPage,
    scope.tenantId,
    input.cursor,
  );
  return page;
}
