// `bun run bench:api`: tickets.list through the real HTTP server vs pgbench running the same SQL,
// and how its p95 grows with the number of tenants. A command, not a test: misses are reported.
import { mkdirSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { ConfigError, loadEnv, repoRoot } from "@supportdesk/config";
import { type BenchOptions, benchVariable, parseArgs, usage } from "./lib/args";
import { installExitHandlers, killAll } from "./lib/children";
import {
  addMemberEverywhere,
  type BenchUrls,
  benchUrls,
  describe,
  ensureDatabase,
  ensureDataset,
  type LoadReport,
  migrate,
  tenantIds,
} from "./lib/db";
import { runLoad } from "./lib/load";
import type { LoadResult } from "./lib/loadgen";
import { findPgbench, type PgbenchResult, pgbench, pgbenchScript } from "./lib/pgbench";
import { captureListQuery, explainList, forPgbench } from "./lib/query";
import { formatTable, ms, num, type Row } from "./lib/report";
import { log, machine, readOptions, runBench, started } from "./lib/run";
import {
  checkList,
  generateSigningKey,
  LIST_PATH,
  logTail,
  type RunningServer,
  signIn,
  startServer,
} from "./lib/server";

const TARGET_RATIO = 0.35;
const TARGET_GROWTH = 1.2;
const MAIN_DB = "supportdesk_bench";

/** Where the run's server logs are; kept when the run fails. */
let keptOnFailure: string | undefined;

type Env = { adminUrl: string; appUrl: string; redisUrl: string; authKeys: string };

function benchEnv(): Omit<Env, "authKeys"> {
  const config = loadEnv();
  if (!config.DATABASE_ADMIN_URL) {
    throw new ConfigError(
      "DATABASE_ADMIN_URL (the owner role) is not set: run `bun run services:up` or set it.",
    );
  }
  let redisUrl = benchVariable("BENCH_REDIS_URL");
  if (!redisUrl) {
    // Its own Redis database, so the bench's cache entries never mix with development's.
    const url = new URL(config.REDIS_URL);
    url.pathname = "/2";
    redisUrl = url.toString();
  }
  return { adminUrl: config.DATABASE_ADMIN_URL, appUrl: config.DATABASE_URL, redisUrl };
}

/** Requests before measuring: every tenant at least once, and enough for the JIT to settle. */
const warmupFor = (tenants: number, connections: number) =>
  Math.max(tenants, connections * 50, 5000);

type Prepared = { urls: BenchUrls; load: LoadReport; ids: string[] };

async function prepare(
  env: Env,
  name: string,
  tenants: number,
  ticketsPerTenant: number,
): Promise<Prepared> {
  const urls = benchUrls(env.adminUrl, env.appUrl, name);
  log(`database ${name}: ${tenants} tenants × ${ticketsPerTenant} tickets`);
  const t0 = performance.now();
  await ensureDatabase(urls, log);
  const t1 = performance.now();
  await migrate(urls);
  const t2 = performance.now();
  if (t2 - t0 > 5000) {
    log(
      `  slow start: connecting/creating ${((t1 - t0) / 1000).toFixed(1)} s, ` +
        `migrating ${((t2 - t1) / 1000).toFixed(1)} s`,
    );
  }
  const load = await ensureDataset(urls, { tenants, ticketsPerTenant }, log);
  if (!load.reused) log(`  loaded in ${load.seconds.toFixed(0)} s`);
  return { urls, load, ids: await tenantIds(urls) };
}

/** Starts the server on the data set, signs in, and measures tickets.list at C connections. */
async function measureApi(
  env: Env,
  options: BenchOptions,
  data: Prepared,
  seconds: number,
  connections: number,
  warmupRequests: number,
  workDir: string,
  label: string,
): Promise<LoadResult> {
  let server: RunningServer | undefined;
  const logFile = join(workDir, `server-${label}.log`);
  try {
    server = await startServer({
      databaseUrl: data.urls.app,
      adminUrl: data.urls.admin,
      redisUrl: env.redisUrl,
      authKeys: env.authKeys,
      pool: options.pool,
      logFile,
    });
    const { userId, accessToken } = await signIn(server.url);
    await addMemberEverywhere(data.urls, userId);
    for (const id of [data.ids[0], data.ids[data.ids.length - 1]]) {
      if (id) await checkList(server.url, accessToken, id);
    }
    log(
      `  ${label}: warm-up (${warmupRequests} requests), then ${seconds} s at ` +
        `${connections} connections over ${data.ids.length} tenants`,
    );
    const result = await runLoad(
      {
        url: server.url,
        path: LIST_PATH,
        token: accessToken,
        tenantIds: data.ids,
        connections,
        duration: seconds,
        warmupRequests,
      },
      workDir,
      label,
    );
    log(
      `  ${label}: ${num(result.reqPerSec)} req/s, p50 ${ms(result.latencyMs.p50)}, ` +
        `p95 ${ms(result.latencyMs.p95)}, p99 ${ms(result.latencyMs.p99)}` +
        (result.non2xx || result.errors
          ? ` (${result.non2xx} non-2xx, ${result.errors} errors: ${JSON.stringify(result.statusCounts)})`
          : ""),
    );
    if (result.non2xx > 0) {
      log(`  ${label}: some requests failed; the server log says:\n${logTail(logFile, 10)}`);
    }
    return result;
  } catch (error) {
    if (server) {
      throw new Error(`${describe(error)}\nServer log (${logFile}):\n${logTail(logFile)}`);
    }
    throw error;
  } finally {
    await server?.stop();
  }
}

async function serverVersion(urls: BenchUrls): Promise<string> {
  const { createDatabase } = await import("@supportdesk/database");
  const db = createDatabase({ url: urls.app, max: 1 });
  try {
    const [row] = await db.sql<{ v: string }[]>`select current_setting('server_version') as v`;
    return row?.v ?? "unknown";
  } finally {
    await db.close();
  }
}

async function main(): Promise<number> {
  const options = readOptions("bench:api", parseArgs, usage);
  if (typeof options === "number") return options;
  installExitHandlers((signal) =>
    console.error(
      `\nbench:api: ${signal}: stopping the children${keptOnFailure ? ` (logs: ${keptOnFailure})` : ""}`,
    ),
  );

  const info = machine();
  const resultsDir = join(repoRoot(), "bench", "results");
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const workDir = join(resultsDir, `tmp-${stamp}`);
  mkdirSync(workDir, { recursive: true });
  keptOnFailure = workDir;
  log(
    `bench:api on ${info.cores} cores, ${info.memoryGiB} GiB (load average ${info.loadAverageAtStart.join(" ")}); ` +
      `${options.tenants} tenants × ${options.tickets} tickets, ${options.duration} s, ` +
      `${options.connections} connections`,
  );
  const pgbenchBin = findPgbench();
  const env: Env = {
    ...benchEnv(),
    authKeys: JSON.stringify([await generateSigningKey()]),
  };

  // 1-2. The main data set, and the API under load.
  const main = await prepare(env, MAIN_DB, options.tenants, options.tickets);
  const api = await measureApi(
    env,
    options,
    main,
    options.duration,
    options.connections,
    warmupFor(options.tenants, options.connections),
    workDir,
    "api",
  );

  // 3. The same SQL through pgbench, as the app role.
  const firstTenant = main.ids[0] as string;
  const captured = await captureListQuery(main.urls.app, firstTenant);
  const script = pgbenchScript(options.tenants, forPgbench(captured.list));
  const scriptFile = join(workDir, "tickets-list.sql");
  await Bun.write(scriptFile, script);
  const explain = await explainList(main.urls.app, firstTenant, captured.list);
  log(`pgbench: ${options.duration} s at ${options.connections} clients (${pgbenchBin})`);
  const threads = Math.max(1, Math.min(options.connections, info.cores));
  const pg: PgbenchResult = await pgbench({
    url: main.urls.app,
    scriptFile,
    workDir,
    clients: options.connections,
    threads,
    seconds: options.duration,
    warmupSeconds: Math.min(5, Math.max(1, Math.floor(options.duration / 5))),
  });
  log(
    `  pgbench: ${num(pg.tps)} TPS, p50 ${ms(pg.latencyMs.p50)}, p95 ${ms(pg.latencyMs.p95)}, ` +
      `p99 ${ms(pg.latencyMs.p99)}${pg.failed ? `, ${pg.failed} failed` : ""}`,
  );
  const ratio = api.reqPerSec / pg.tps;

  // 4. Tenant-count growth: the same request on a small and a large data set.
  let growth:
    | {
        small: { tenants: number; load: LoadReport; api: LoadResult };
        large: { tenants: number; load: LoadReport; api: LoadResult };
        ratio: number;
      }
    | undefined;
  if (!options.skipGrowth) {
    const runs = [];
    for (const [size, tenants] of [
      ["small", options.growthSmall],
      ["large", options.growthLarge],
    ] as const) {
      const data = await prepare(env, `${MAIN_DB}_growth_${size}`, tenants, options.growthRows);
      const result = await measureApi(
        env,
        options,
        data,
        options.growthDuration,
        options.growthConnections ?? options.connections,
        // The same warm-up for both sizes: the server process is new for each, so a longer
        // warm-up (more JIT) would otherwise favour the large one.
        warmupFor(options.growthLarge, options.growthConnections ?? options.connections),
        workDir,
        `growth-${tenants}`,
      );
      runs.push({ tenants, load: data.load, api: result });
    }
    const [small, large] = runs as [(typeof runs)[0], (typeof runs)[0]];
    growth = { small, large, ratio: large.api.latencyMs.p95 / small.api.latencyMs.p95 };
  }

  // 5. The table and the JSON.
  const rows: Row[] = [
    { figure: "API tickets.list throughput", value: `${num(api.reqPerSec)} req/s` },
    { figure: "API latency p50", value: ms(api.latencyMs.p50) },
    { figure: "API latency p95", value: ms(api.latencyMs.p95) },
    { figure: "API latency p99", value: ms(api.latencyMs.p99) },
    {
      figure: "API failed requests",
      value: `${api.non2xx + api.errors} of ${api.requests}`,
      target: "0",
      pass: api.non2xx + api.errors === 0,
    },
    { figure: "pgbench same SQL throughput", value: `${num(pg.tps)} TPS` },
    { figure: "pgbench latency p50", value: ms(pg.latencyMs.p50) },
    { figure: "pgbench latency p95", value: ms(pg.latencyMs.p95) },
    { figure: "pgbench latency p99", value: ms(pg.latencyMs.p99) },
    {
      figure: "API req/s ÷ pgbench TPS",
      value: num(ratio, 3),
      target: `≥ ${TARGET_RATIO}`,
      pass: ratio >= TARGET_RATIO,
    },
  ];
  if (growth) {
    rows.push(
      {
        figure: `p95 at ${growth.small.tenants} tenants × ${options.growthRows}`,
        value: ms(growth.small.api.latencyMs.p95),
      },
      {
        figure: `p95 at ${growth.large.tenants} tenants × ${options.growthRows}`,
        value: ms(growth.large.api.latencyMs.p95),
      },
      {
        figure: `growth p95(${growth.large.tenants}) ÷ p95(${growth.small.tenants})`,
        value: num(growth.ratio, 3),
        target: `≤ ${TARGET_GROWTH}`,
        pass: growth.ratio <= TARGET_GROWTH,
      },
    );
  }
  const finishedAt = new Date();
  const report = {
    startedAt: new Date(started).toISOString(),
    finishedAt: finishedAt.toISOString(),
    command: ["bun", "bench/api.ts", ...process.argv.slice(2)].join(" "),
    machine: {
      ...info,
      loadAverageAtEnd: loadavg().map((v) => Math.round(v * 100) / 100),
      postgres: await serverVersion(main.urls),
      pgbench: pgbenchBin,
    },
    parameters: {
      ...options,
      growthConnections: options.growthConnections ?? options.connections,
      pool: options.pool ?? "server default (DATABASE_POOL_MAX 10)",
      request: `GET ${LIST_PATH} with Authorization: Bearer and X-Tenant-ID cycling over all tenants`,
      server: "bun apps/server/src/main.ts, NODE_ENV=production, LOG_LEVEL=warn",
      pgbenchThreads: threads,
    },
    datasets: {
      main: {
        database: MAIN_DB,
        tenants: options.tenants,
        ticketsPerTenant: options.tickets,
        ...main.load,
      },
      ...(growth && {
        growthSmall: {
          tenants: growth.small.tenants,
          ticketsPerTenant: options.growthRows,
          ...growth.small.load,
        },
        growthLarge: {
          tenants: growth.large.tenants,
          ticketsPerTenant: options.growthRows,
          ...growth.large.load,
        },
      }),
    },
    api,
    pgbench: { ...pg, script },
    ratio: { value: ratio, target: TARGET_RATIO, pass: ratio >= TARGET_RATIO },
    growth: growth && {
      small: { tenants: growth.small.tenants, api: growth.small.api },
      large: { tenants: growth.large.tenants, api: growth.large.api },
      ratio: growth.ratio,
      target: TARGET_GROWTH,
      pass: growth.ratio <= TARGET_GROWTH,
    },
    query: { statements: captured.statements, explainAnalyze: explain },
  };
  const file = join(resultsDir, `api-${stamp}.json`);
  await Bun.write(file, `${JSON.stringify(report, null, 2)}\n`);
  rmSync(workDir, { recursive: true, force: true });

  console.log(`\n${formatTable(rows)}\n`);
  console.log(`EXPLAIN (ANALYZE, BUFFERS) of the list query, one tenant:\n${explain}\n`);
  const misses = rows.filter((r) => r.pass === false).length;
  console.log(
    `${misses === 0 ? "All targets met." : `${misses} target(s) missed (reported, not an error).`} ` +
      `Results: ${file.replace(`${repoRoot()}/`, "")}`,
  );
  return 0;
}

runBench("bench:api", main, {
  cleanup: killAll,
  onFailure: () => {
    if (keptOnFailure) console.error(`Logs of this run: ${keptOnFailure}`);
  },
});
