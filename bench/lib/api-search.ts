// bench:api's search part (`--search`, or `--search-only`): search.query (type "tickets", a
// two-word query) through the real server against pgbench running the same SQL on the main data
// set, and its p95 in one tenant of 1,000 tickets against one of 100,000 (three messages each).
import { join } from "node:path";
import { type Env, measurePgbench, type Prepared, prepare, warmupFor } from "./api-run";
import type { BenchOptions } from "./args";
import { addMemberEverywhere } from "./db";
import { runLoad } from "./load";
import type { LoadResult } from "./loadgen";
import { pgbenchScript } from "./pgbench";
import { forPgbench } from "./query";
import { ms, num, type Row } from "./report";
import { log } from "./run";
import { captureSearchQuery } from "./search-query";
import { SEARCH_QUERY } from "./search-words";
import { logTail, startServer } from "./server";

export const TARGET_SEARCH_RATIO = 0.35;
export const TARGET_SEARCH_GROWTH = 1.5;
const GROWTH_SMALL = 1_000;
const GROWTH_LARGE = 100_000;

const searchPath = (sort: "relevance" | "newest") =>
  `/trpc/search.query?input=${encodeURIComponent(
    JSON.stringify({ q: SEARCH_QUERY, type: "tickets", limit: 20, sort }),
  )}`;
/** The request measured: the first page of the default sort (relevance). */
export const SEARCH_PATH = searchPath("relevance");
const NEWEST_PATH = searchPath("newest");

type Token = (url: string) => Promise<string>;

/** The server (first --processes) under search load at `connections` over `tenantIds`. */
async function measureSearchApi(
  env: Env,
  options: BenchOptions,
  data: Prepared,
  tenantIds: string[],
  connections: number,
  seconds: number,
  workDir: string,
  token: Token,
  label: string,
  path = SEARCH_PATH,
): Promise<LoadResult> {
  const logFile = join(workDir, `server-${label}.log`);
  const server = await startServer({
    databaseUrl: data.urls.app,
    adminUrl: data.urls.admin,
    redisUrl: env.redisUrl,
    authKeys: env.authKeys,
    pool: options.pool,
    processes: options.processes[0] as number,
    logFile,
  });
  try {
    const accessToken = await token(server.url);
    const check = await fetch(`${server.url}${path}`, {
      headers: { authorization: `Bearer ${accessToken}`, "x-tenant-id": tenantIds[0] as string },
    });
    if (!check.ok) throw new Error(`search.query answered ${check.status}: ${await check.text()}`);
    const result = await runLoad(
      {
        url: server.url,
        path,
        token: accessToken,
        tenantIds,
        connections,
        duration: seconds,
        warmupRequests: warmupFor(Math.min(tenantIds.length, 1000), connections) / 5,
        serverPid: server.child.pid,
      },
      workDir,
      label,
    );
    log(
      `  ${label}: ${num(result.reqPerSec)} req/s, p50 ${ms(result.latencyMs.p50)}, ` +
        `p95 ${ms(result.latencyMs.p95)}, p99 ${ms(result.latencyMs.p99)}` +
        (result.non2xx ? ` (${result.non2xx} non-2xx)\n${logTail(logFile, 10)}` : ""),
    );
    return result;
  } finally {
    await server.stop();
  }
}

function tokenFor(
  data: Prepared,
  signIn: (url: string) => Promise<{ userId: string; accessToken: string }>,
): Token {
  let token: string | undefined;
  return async (url) => {
    if (token) return token;
    const signedIn = await signIn(url);
    await addMemberEverywhere(data.urls, signedIn.userId);
    token = signedIn.accessToken;
    return token;
  };
}

export type SearchReport = Awaited<ReturnType<typeof measureSearch>>;

/** The search figures: ratio per connection count, and growth at the first one. */
export async function measureSearch(
  env: Env,
  options: BenchOptions,
  main: Prepared,
  workDir: string,
  cores: number,
  signIn: (url: string) => Promise<{ userId: string; accessToken: string }>,
) {
  log(`search: "${SEARCH_QUERY}" (type tickets, 20 per page)`);
  const captured = await captureSearchQuery(main.urls.app, main.ids[0] as string, SEARCH_QUERY);
  log(`  the first tenant's first page holds ${captured.hits} of 20 tickets`);
  const script = pgbenchScript(options.tenants, forPgbench(captured));
  const scriptFile = join(workDir, "search.sql");
  await Bun.write(scriptFile, script);
  const token = tokenFor(main, signIn);
  const ratios = [];
  for (const connections of options.connections) {
    const pg = await measurePgbench(
      main.urls.app,
      scriptFile,
      workDir,
      connections,
      options.duration,
      cores,
    );
    const api = await measureSearchApi(
      env,
      options,
      main,
      main.ids,
      connections,
      options.duration,
      workDir,
      token,
      `search-c${connections}`,
    );
    ratios.push({ connections, pgbench: pg, api, ratio: api.reqPerSec / pg.tps });
  }
  const growth = [];
  for (const [size, tickets] of [
    ["small", GROWTH_SMALL],
    ["large", GROWTH_LARGE],
  ] as const) {
    const data = await prepare(env, `supportdesk_bench_search_${size}`, 1, tickets);
    const token = tokenFor(data, signIn);
    const run = (path: string, label: string) =>
      measureSearchApi(
        env,
        options,
        data,
        data.ids,
        options.growthConnections ?? 4,
        options.growthDuration,
        workDir,
        token,
        label,
        path,
      );
    const api = await run(SEARCH_PATH, `search-growth-${tickets}`);
    const newest = await run(NEWEST_PATH, `search-newest-growth-${tickets}`);
    growth.push({ tickets, api, newest });
  }
  const [small, large] = growth as [(typeof growth)[0], (typeof growth)[0]];
  const growthRatio = large.api.latencyMs.p95 / small.api.latencyMs.p95;
  const newestRatio = large.newest.latencyMs.p95 / small.newest.latencyMs.p95;
  const rows: Row[] = [
    ...ratios.flatMap((r, i) => [
      { figure: `search pgbench TPS at ${r.connections}`, value: num(r.pgbench.tps) },
      { figure: `search API req/s at ${r.connections}`, value: num(r.api.reqPerSec) },
      {
        figure: `search API ÷ pgbench at ${r.connections}`,
        value: num(r.ratio, 3),
        ...(i === 0
          ? { target: `≥ ${TARGET_SEARCH_RATIO}`, pass: r.ratio >= TARGET_SEARCH_RATIO }
          : {}),
      },
      {
        figure: `search p99 API / pgbench at ${r.connections}`,
        value: `${ms(r.api.latencyMs.p99)} / ${ms(r.pgbench.latencyMs.p99)}`,
      },
    ]),
    { figure: `search p95, one tenant of ${GROWTH_SMALL}`, value: ms(small.api.latencyMs.p95) },
    { figure: `search p95, one tenant of ${GROWTH_LARGE}`, value: ms(large.api.latencyMs.p95) },
    {
      figure: `search growth p95(${GROWTH_LARGE}) ÷ p95(${GROWTH_SMALL})`,
      value: num(growthRatio, 3),
      target: `≤ ${TARGET_SEARCH_GROWTH}`,
      pass: growthRatio <= TARGET_SEARCH_GROWTH,
    },
    {
      figure: `search p95 newest first, ${GROWTH_SMALL} / ${GROWTH_LARGE}`,
      value: `${ms(small.newest.latencyMs.p95)} / ${ms(large.newest.latencyMs.p95)}`,
    },
    {
      figure: `search growth, newest first`,
      value: num(newestRatio, 3),
      target: `≤ ${TARGET_SEARCH_GROWTH}`,
      pass: newestRatio <= TARGET_SEARCH_GROWTH,
    },
  ];
  return {
    query: SEARCH_QUERY,
    path: SEARCH_PATH,
    firstPageHits: captured.hits,
    pgbenchScript: script,
    ratios,
    growth: {
      connections: options.growthConnections ?? 4,
      small,
      large,
      ratio: growthRatio,
      target: TARGET_SEARCH_GROWTH,
    },
    rows,
  };
}
