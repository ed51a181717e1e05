// bench:helpcentre's search part: the public search service (`helpCentre.publicSearch`, i.e.
// `searchArticles` as the help centre calls it) run directly against the database as the app
// role, one query at a time, in the small and the big search tenant alternately.
import { createDatabase } from "@supportdesk/database";
import { helpCentre } from "@supportdesk/services";
import { BIG_SLUG, type HcData, type HcTenant, SMALL_SLUG } from "./helpcentre-data";
import { SEARCH_QUERIES } from "./helpcentre-words";
import { ms } from "./report";
import { log } from "./run";
import { type LatencySummary, Samples, summarize } from "./stats";

export type SearchSide = {
  slug: string;
  articles: number;
  latencyMs: LatencySummary;
  /** Per query: hits returned (at most 20) and its median time. */
  queries: { q: string; hits: number; p50Ms: number }[];
};
export type SearchResult = { rounds: number; small: SearchSide; big: SearchSide; ratio: number };

export async function measureSearch(data: HcData, rounds: number): Promise<SearchResult> {
  const find = (slug: string) => {
    const tenant = data.tenants.find((t) => t.slug === slug);
    if (!tenant) throw new Error(`No search tenant ${slug} in ${data.urls.name}.`);
    return tenant;
  };
  const sides = [find(SMALL_SLUG), find(BIG_SLUG)] as const;
  const db = createDatabase({ url: data.urls.app, max: 1 });
  const once = async (tenant: HcTenant, q: string) => {
    const t0 = performance.now();
    const hits = await db.withTenant(tenant.id, (tx) => helpCentre.publicSearch(tx, tenant.id, q));
    return { ms: performance.now() - t0, hits: hits.length };
  };
  const samples = sides.map(() => new Samples());
  const perQuery = sides.map(() => SEARCH_QUERIES.map(() => [] as number[]));
  const hits = sides.map(() => SEARCH_QUERIES.map(() => 0));
  try {
    // One unmeasured pass each: plans cached, pages in shared buffers, as a live desk has them.
    for (const [s, tenant] of sides.entries()) {
      for (const [i, q] of SEARCH_QUERIES.entries())
        (hits[s] as number[])[i] = (await once(tenant, q)).hits;
    }
    for (let round = 0; round < rounds; round++) {
      // Alternate which tenant goes first, so neither always follows the other's cache effects.
      const order = round % 2 ? [1, 0] : [0, 1];
      for (const [i, q] of SEARCH_QUERIES.entries()) {
        for (const s of order) {
          const { ms: took } = await once(sides[s] as HcTenant, q);
          samples[s]?.push(took);
          perQuery[s]?.[i]?.push(took);
        }
      }
    }
  } finally {
    await db.close().catch(() => {});
  }
  const side = (s: number): SearchSide => {
    const tenant = sides[s] as HcTenant;
    return {
      slug: tenant.slug,
      articles: tenant.articles,
      latencyMs: summarize((samples[s] as Samples).values()),
      queries: SEARCH_QUERIES.map((q, i) => ({
        q,
        hits: hits[s]?.[i] ?? 0,
        p50Ms: summarize(Float64Array.from(perQuery[s]?.[i] ?? [])).p50,
      })),
    };
  };
  const small = side(0);
  const big = side(1);
  for (const x of [small, big]) {
    log(
      `  search in ${x.articles} articles: p50 ${ms(x.latencyMs.p50)}, p95 ${ms(x.latencyMs.p95)}, ` +
        `p99 ${ms(x.latencyMs.p99)} (${x.latencyMs.count} queries)`,
    );
  }
  return { rounds, small, big, ratio: big.latencyMs.p95 / small.latencyMs.p95 };
}
