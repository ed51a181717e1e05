// Knowledge-base search in PostgreSQL: stemmed full text over title (A), excerpt (B) and body (C),
// any-word matching ranked above by all-words, and typo tolerance on titles (pg_trgm).
import { kbArticles, type SQL, sql, type TenantDb } from "@supportdesk/database";
import { authorize, type TenantScope } from "../context";
import type { ArticleStatus } from "./articles";
import { searchConfigOf } from "./shared";

/** A snippet as segments, so a client can mark the hits without ever parsing HTML. */
export type Snippet = { text: string; hit: boolean }[];

export type SearchHit = {
  id: string;
  slug: string;
  title: string;
  excerpt: string;
  status: ArticleStatus;
  categoryId: string | null;
  rank: number;
  snippet: Snippet;
};

// Hit markers ts_headline wraps matches in; bodies cannot hold control characters (the routers
// refuse them), so these cannot be forged by an article.
const START = "\u0002";
const STOP = "\u0003";

/** ts_headline's output as segments, with the Markdown punctuation that would read as noise gone. */
export function toSnippet(headline: string): Snippet {
  const plain = (text: string) =>
    text
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/[#*_`>|~]+/g, "")
      .replace(/\s+/g, " ");
  const segments: Snippet = [];
  for (const [i, part] of headline.split(new RegExp(`[${START}${STOP}]`)).entries()) {
    const text = plain(part);
    if (text) segments.push({ text, hit: i % 2 === 1 });
  }
  return segments;
}

/**
 * The articles matching `q`, best first. Every word may match (so "how long does delivery take"
 * finds the delivery article); articles with all of them rank higher; a title within typo
 * distance of the query counts too (`word_similarity`).
 */
export async function searchArticles(
  tx: TenantDb,
  tenantId: string,
  input: {
    q: string;
    limit: number;
    statuses: readonly ArticleStatus[];
    categoryId?: string | undefined;
  },
): Promise<SearchHit[]> {
  const config = await searchConfigOf(tx, tenantId);
  const q = input.q.trim();
  if (!q) return [];
  const all = sql`websearch_to_tsquery(${config}::regconfig, ${q})`;
  // The same lexemes joined by OR: `&` between terms becomes `|` (phrases keep their `<->`).
  const any = sql`replace(${all}::text, ' & ', ' | ')::tsquery`;
  // pg_trgm folds case itself; lower() would keep the trigram index out under RLS (not LEAKPROOF).
  const typo = sql`word_similarity(${q}, ${kbArticles.title})`;
  // Snippets read as prose: links become their words, Markdown punctuation goes (only the few
  // rows returned pay for this).
  const plainBody = sql`regexp_replace(regexp_replace(body, '!?\\[([^]]*)\\]\\([^)]*\\)', '\\1', 'g'), '[#*_\x60>|~]+', '', 'g')`;
  const where = sql`${kbArticles.status} in ${input.statuses}
    ${input.categoryId ? sql`and ${kbArticles.categoryId} = ${input.categoryId}` : sql``}`;
  // `word_similarity` over the trigram index (`%>`) finds titles within typo distance.
  await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', '0.45', true)`);
  // Candidates come from index lookups, each capped, and only they are ranked: a word found in
  // most of a big tenant's articles would otherwise rank them all. Title matches, all-words
  // matches and title typos come first; any-word matches fill up to the cap.
  const candidate = (match: SQL, cap: number) => sql`
    (select ${kbArticles.id} as id from ${kbArticles}, q where ${where} and ${match} limit ${cap})`;
  const rows = await tx.execute<{
    id: string;
    slug: string;
    title: string;
    excerpt: string;
    status: ArticleStatus;
    category_id: string | null;
    rank: number;
    headline: string;
  }>(sql`
    with q as (select ${all} as all_q, ${any} as any_q),
    candidates as (
      ${candidate(sql`${kbArticles.titleVector} @@ q.any_q`, 100)}
      union ${candidate(sql`${kbArticles.searchVector} @@ q.all_q`, 200)}
      union ${candidate(sql`${kbArticles.title} %> ${q}`, 50)}
      union ${candidate(sql`${kbArticles.searchVector} @@ q.any_q`, 100)}
    )
    select id, slug, title, excerpt, status, category_id, rank,
      ts_headline(${config}::regconfig, ${plainBody}, q.any_q,
        ${`StartSel=${START}, StopSel=${STOP}, MaxWords=28, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "`}) as headline
    from (
      select ${kbArticles.id} as id, ${kbArticles.slug} as slug, ${kbArticles.title} as title,
        ${kbArticles.excerpt} as excerpt, ${kbArticles.status} as status,
        ${kbArticles.categoryId} as category_id, ${kbArticles.body} as body,
        ts_rank_cd(${kbArticles.searchVector}, q.any_q, 32)
          + case when ${kbArticles.searchVector} @@ q.all_q then 1 else 0 end
          + ${typo} as rank
      from ${kbArticles}
      join candidates on candidates.id = ${kbArticles.id}, q
      order by rank desc, ${kbArticles.id}
      limit ${input.limit}
    ) ranked, q
    order by rank desc, id`);
  return Array.from(rows, (row) => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    excerpt: row.excerpt,
    status: row.status,
    categoryId: row.category_id,
    rank: Number(row.rank),
    snippet: toSnippet(row.headline),
  }));
}

/** What agents search: every status by default (drafts too), or the ones asked for. */
export async function search(
  scope: TenantScope,
  input: {
    q: string;
    limit: number;
    status?: ArticleStatus[] | undefined;
    categoryId?: string | undefined;
  },
) {
  authorize(scope, "kb.read");
  return searchArticles(scope.tx, scope.tenantId, {
    q: input.q,
    limit: input.limit,
    categoryId: input.categoryId,
    statuses: input.status?.length ? input.status : ["published", "draft", "archived"],
  });
}
