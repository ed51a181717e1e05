// The row sets the SLA and CSAT reports read, as subqueries: each decided SLA target and each
// sent survey in the range, with the rollup's columns the filters need.
import { type SQL, sql } from "@supportdesk/database";
import { factFilters, type ReportRange } from "./range";
import { within } from "./sql";

/**
 * One row per SLA target decided in the range (alias it): breached (`breached_at` in the range,
 * whatever became of the clock later) or met (`met` without a breach, `completed_at` in it).
 * Columns: ticket_id, metric, at (when decided), breached, due_at, policy_name, and the fact `f.*`
 * columns used by the filters. Running clocks are not decided yet and count nowhere.
 */
export function clockOutcome(range: ReportRange): SQL {
  const decided = sql`coalesce(c.breached_at, c.completed_at)`;
  return sql`(
    select c.ticket_id, c.metric::text as metric, ${decided} as at,
      (c.breached_at is not null) as breached, c.due_at, c.policy_name,
      f.assignee_id, f.team_id
    from sla_clocks c
    join ticket_facts f on f.tenant_id = c.tenant_id and f.ticket_id = c.ticket_id
    where c.started_at < ${range.end}::timestamptz
      and (c.breached_at is not null or c.status = 'met')
      and ${within(range, decided)} and ${factFilters(range.filters)}
  )`;
}

/**
 * One row per survey sent in the range (alias it): ticket_id, sent_at, rating, comment, rated_at and whose
 * work it rates (agent_user_id, team_id — the team and agent filters apply to these).
 */
export function surveyScope(range: ReportRange): SQL {
  return sql`(
    select s.ticket_id, s.sent_at, s.rating, s.comment, s.rated_at, s.agent_user_id, s.team_id
    from csat_surveys s
    left join ticket_facts f on f.tenant_id = s.tenant_id and f.ticket_id = s.ticket_id
    where ${within(range, sql`s.sent_at`)}
      and ${factFilters(range.filters, sql.raw("f"), { team: sql`s.team_id`, agent: sql`s.agent_user_id` })}
  )`;
}
