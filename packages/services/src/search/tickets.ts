// Ticket search: every word somewhere in the ticket (subject, tags, custom field values, any
// message; internal notes only for ticket.note.read), combinable with the inbox's filters, in
// cursor pages, with a highlighted snippet from each ticket's best-matching message. Sorted by
// relevance (the newest RELEVANCE_WINDOW matches ranked) or newest first (every match, in order).
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

/**
 * How many of the newest matches "relevance" ranks. Ranking reads each candidate's vectors, so
 * an unbounded set would make a common word cost as much as the tenant is large; past this many
 * matches the best of the newest are shown (more words or a filter narrow it; "newest" pages
 * through every match).
 */
export const RELEVANCE_WINDOW = 100;

export type TicketSearchSort = "relevance" | "newest";
export type TicketHit = Awaited<ReturnType<typeof searchTickets>>["items"][number];

type Row = {
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
};

/**
 * A page of tickets matching `q` and `filters`. A ticket number ("#42") finds that ticket (first,
 * under relevance); words must all appear in the ticket, each as a prefix ("refund" finds
 * "refunds"). The cursor carries the rank (relevance) or the creation time in ms (newest).
 */
export async function searchTickets(
  scope: TenantScope,
  input: {
    q: string;
    filters?: TicketFilters;
    sort?: TicketSearchSort | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  authorize(scope, "ticket.read");
  const after = input.cursor ? decodeRankCursor(input.cursor) : undefined;
  const number = ticketNumberOf(input.q);
  const any = anyTermQuery(input.q);
  const matching = ticketsMatching(scope, input.q);
  if (!matching && number === undefined) return { items: [], nextCursor: null };
  const notes = can(scope, "ticket.note.read");
  const anyQ = sql`to_tsquery('simple'::regconfig, ${any ?? ""})`;
  const found =
    number !== undefined && matching
      ? sql`(${tickets.number} = ${number} or ${matching})`
      : number !== undefined
        ? sql`${tickets.number} = ${number}`
        : sql`${matching}`;
  const { q: _q, ...filters } = input.filters ?? {};
  const conditions = ticketConditions(scope, filters).filter((c) => c !== undefined);
  const where = sql`${found}${conditions.length ? sql` and ${sql.join(conditions, sql` and `)}` : sql``}`;
  const columns = sql`${tickets.id} as id, ${tickets.number} as number, ${tickets.subject} as subject,
    ${tickets.status} as status, ${tickets.priority} as priority, ${tickets.assigneeId} as assignee_id,
    ${tickets.teamId} as team_id, ${tickets.customerId} as customer_id, ${tickets.tags} as tags,
    ${tickets.createdAt} as created_at, ${tickets.updatedAt} as updated_at`;
  const page =
    input.sort === "newest"
      ? sql`
        select ${columns}, (extract(epoch from ${tickets.createdAt}) * 1000)::float8 as rank
        from ${tickets}
        where ${where}
        ${
          after
            ? sql`and (${tickets.createdAt}, ${tickets.id}) < (to_timestamp(${after.rank}::float8 / 1000), ${after.id}::uuid)`
            : sql``
        }
        order by ${tickets.createdAt} desc, ${tickets.id} desc
        limit ${input.limit + 1}`
      : sql`
        select * from (
          select w.id, w.number, w.subject, w.status, w.priority, w.assignee_id, w.team_id,
            w.customer_id, w.tags, w.created_at, w.updated_at,
            (${number !== undefined ? sql`case when w.number = ${number} then 100 else 0 end + ` : sql``}
              ${
                any
                  ? sql`ts_rank(w.search_vector, ${anyQ}) * 2 + ts_rank(w.thread_vector, ${anyQ})${
                      notes ? sql` + ts_rank(w.notes_vector, ${anyQ})` : sql``
                    }`
                  : sql`0`
              })::float4::float8 as rank
          from (
            select ${columns}, ${tickets.searchVector} as search_vector,
              ${tickets.threadVector} as thread_vector, ${tickets.notesVector} as notes_vector
            from ${tickets}
            where ${where}
            order by ${tickets.createdAt} desc, ${tickets.id} desc
            limit ${RELEVANCE_WINDOW}
          ) w
        ) ranked
        ${after ? sql`where (ranked.rank, ranked.id) < (${after.rank}::float8, ${after.id}::uuid)` : sql``}
        order by ranked.rank desc, ranked.id desc
        limit ${input.limit + 1}`;
  const visible = notes ? sql`` : sql`and m.is_internal = false`;
  // Snippets only for the page: each ticket's best-matching message (not a system line).
  const rows = await scope.tx.execute<Row>(sql`
    with page as (${page})
    select page.*, u.name as assignee_name, c.name as customer_name,
      ${
        any
          ? sql`ts_headline('simple'::regconfig, coalesce(best.body, page.subject), ${anyQ}, ${HEADLINE})`
          : sql`null`
      } as headline,
      best.is_internal as in_note
    from page
    left join users u on u.id = page.assignee_id
    left join customers c on c.id = page.customer_id
    left join lateral (
      select m.body, m.is_internal from ${messages} m
      where m.ticket_id = page.id and m.author_type <> 'system'
        ${any ? sql`and m.search_vector @@ ${anyQ}` : sql`and false`} ${visible}
      order by ts_rank(m.search_vector, ${anyQ}) desc, m.created_at desc limit 1
    ) best on true
    order by page.rank desc, page.id desc`);
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
