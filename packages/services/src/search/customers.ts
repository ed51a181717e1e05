// Customer search: a name, address or company resembling what was typed (pg_trgm word similarity,
// served by the trigram indexes), best first, in ranked cursor pages, with each one's ticket count.
import { customers, sql, tickets } from "@supportdesk/database";
import { authorize, type TenantScope } from "../context";
import { decodeRankCursor, rankedPage } from "./cursor";

/** How alike a word of the text and the query must be (pg_trgm's default is 0.6). */
const THRESHOLD = "0.5";

export async function searchCustomers(
  scope: TenantScope,
  input: { q: string; cursor?: string | undefined; limit: number },
) {
  authorize(scope, "customer.read");
  const q = input.q.trim().toLowerCase();
  // Trigrams need a few characters: one or two letters would resemble everything.
  if (q.replace(/[^\p{L}\p{N}]/gu, "").length < 3) return { items: [], nextCursor: null };
  const after = input.cursor ? decodeRankCursor(input.cursor) : undefined;
  await scope.tx.execute(
    sql`select set_config('pg_trgm.word_similarity_threshold', ${THRESHOLD}, true)`,
  );
  const rows = await scope.tx.execute<{
    id: string;
    name: string;
    email: string;
    company: string | null;
    rank: number;
    tickets: number;
  }>(sql`
    with ranked as (
      select ${customers.id} as id, ${customers.name} as name, ${customers.email} as email,
        ${customers.company} as company,
        greatest(word_similarity(${q}, ${customers.name}), word_similarity(${q}, ${customers.email}),
          coalesce(word_similarity(${q}, ${customers.company}), 0))::float4::float8 as rank
      from ${customers}
      where ${q} <% ${customers.name} or ${q} <% ${customers.email} or ${q} <% ${customers.company}
    )
    select ranked.*, (select count(*)::int from ${tickets} t where t.customer_id = ranked.id) as tickets
    from ranked
    ${after ? sql`where (ranked.rank, ranked.id) < (${after.rank}::float8, ${after.id}::uuid)` : sql``}
    order by ranked.rank desc, ranked.id desc
    limit ${input.limit + 1}`);
  return rankedPage(
    Array.from(rows, (row) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      company: row.company,
      ticketCount: row.tickets,
      rank: Number(row.rank),
    })),
    input.limit,
  );
}
