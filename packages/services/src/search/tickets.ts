// Ticket search: every word somewhere in the ticket (subject, tags, custom field values, any
// message; internal notes only for ticket.note.read), ranked, with a highlighted snippet from the
// best-matching message, combinable with the inbox's filters, in ranked cursor pages.
import { messages, sql, tickets } from "@supportdesk/database";
import { can } from "@supportdesk/domain";
import { authorize, type TenantScope } from "../context";
import { toSnippet } from "../kb/search";
import { type TicketFilters, ticketConditions, ticketsMatching } from "../ticket-list";
import { decodeRankCursor, rankedPage } from "./cursor";
import { anyTermQuery, ticketNumberOf } from "./terms";

// ts_headline's hit markers (message bodies cannot hold control characters: the routers refuse them).
const START = "\u0002";
const STOP = "\u0003";
const HEADLINE = `StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

export type TicketHit = Awaited<ReturnType<typeof searchTickets>>["items"][number];

/**
 * A page of tickets matching `q` and `filters`, best first. A ticket number ("#42") finds that
 * ticket; words must all appear in the ticket, each as a prefix ("refund" finds "refunds").
 */
export async function searchTickets(
  scope: TenantScope,
  input: { q: string; filters?: TicketFilters; cursor?: string | undefined; limit: number },
) {
  authorize(scope, "ticket.read");
  const after = input.cursor ? decodeRankCursor(input.cursor) : undefined;
  const number = ticketNumberOf(input.q);
  const any = anyTermQuery(input.q);
  const matching = ticketsMatching(scope, input.q);
  if (!matching && number === undefined) return { items: [], nextCursor: null };
  const notes = can(scope, "ticket.note.read");
  const visible = notes ? sql`` : sql`and m.is_internal = false`;
  const anyQ = sql`to_tsquery('simple'::regconfig, ${any ?? ""})`;
  // The text match ranks by the ticket's own vector (subject first) and its best message; the
  // number match outranks every text match.
  const textRank = any
    ? sql`ts_rank(${tickets.searchVector}, ${anyQ}) * 2 + coalesce((
        select max(ts_rank(m.search_vector, ${anyQ})) from ${messages} m
        where m.ticket_id = ${tickets.id} and m.search_vector @@ ${anyQ} ${visible}), 0)`
    : sql`0`;
  const rank =
    number !== undefined
      ? sql`case when ${tickets.number} = ${number} then 100 else 0 end + ${textRank}`
      : textRank;
  const found =
    number !== undefined && matching
      ? sql`(${tickets.number} = ${number} or ${tickets.id} in (${matching}))`
      : number !== undefined
        ? sql`${tickets.number} = ${number}`
        : sql`${tickets.id} in (${matching})`;
  const { q: _q, ...filters } = input.filters ?? {};
  const conditions = ticketConditions(scope, filters).filter((c) => c !== undefined);
  const rows = await scope.tx.execute<{
    id: string;
    number: number;
    subject: string;
    status: (typeof tickets.status.enumValues)[number];
    priority: (typeof tickets.priority.enumValues)[number];
    assignee_id: string | null;
    assignee_name: string | null;
    team_id: string | null;
    customer_id: string | null;
    customer_name: string | null;
    tags: string[];
    created_at: string;
    updated_at: string;
    rank: number;
    headline: string | null;
    in_note: boolean | null;
  }>(sql`
    with ranked as (
      select ${tickets.id} as id, ${tickets.number} as number, ${tickets.subject} as subject,
        ${tickets.status} as status, ${tickets.priority} as priority,
        ${tickets.assigneeId} as assignee_id, ${tickets.teamId} as team_id,
        ${tickets.customerId} as customer_id, ${tickets.tags} as tags,
        ${tickets.createdAt} as created_at, ${tickets.updatedAt} as updated_at,
        (${rank})::float4::float8 as rank
      from ${tickets}
      where ${found} ${conditions.length ? sql`and ${sql.join(conditions, sql` and `)}` : sql``}
    )
    select ranked.*, u.name as assignee_name, c.name as customer_name,
      ${
        any
          ? sql`ts_headline('simple'::regconfig, coalesce(best.body, ranked.subject), ${anyQ}, ${HEADLINE})`
          : sql`null`
      } as headline,
      best.is_internal as in_note
    from ranked
    left join users u on u.id = ranked.assignee_id
    left join customers c on c.id = ranked.customer_id
    left join lateral (
      select m.body, m.is_internal from ${messages} m
      where m.ticket_id = ranked.id ${any ? sql`and m.search_vector @@ ${anyQ}` : sql`and false`} ${visible}
      order by ts_rank(m.search_vector, ${anyQ}) desc, m.created_at desc limit 1
    ) best on true
    ${after ? sql`where (ranked.rank, ranked.id) < (${after.rank}::float8, ${after.id}::uuid)` : sql``}
    order by ranked.rank desc, ranked.id desc
    limit ${input.limit + 1}`);
  return rankedPage(
    Array.from(rows, (row) => ({
      id: row.id,
      number: row.number,
      subject: row.subject,
      status: row.status,
      priority: row.priority,
      assigneeId: row.assignee_id,
      assigneeName: row.assignee_name,
      teamId: row.team_id,
      customerId: row.customer_id,
      customerName: row.customer_name,
      tags: row.tags,
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
      rank: Number(row.rank),
      snippet: row.headline ? toSnippet(row.headline) : [],
      /** The snippet comes from an internal note (agents only). */
      inNote: row.in_note === true,
    })),
    input.limit,
  );
}
