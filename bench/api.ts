// `bun run bench:api`: tickets.list through the real HTTP server (1..N processes) vs pgbench
// running the same SQL, at each connection count, and how its p95 grows with the number of
// tenants; with --search, search.query the same way (lib/api-search.ts). A command, not a test:
// misses are reported.
import { mkdirSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { repoRoot } from "@supportdesk/config";
import {
  type ApiCell,
  matrixRows,
  type PgCell,
  summarizeApi,
  summarizePg,
  TARGET_RATIO,
} from "./lib/api-report";
import {
  type ApiRun,
  benchEnv,
  type Env,
  measureApi,
  measurePgbench,
  type Prepared,
  prepare,
  serverVersion,
  warmupFor,
} from "./lib/api-run";
import { measureSearch } from "./lib/api-search";
import { type BenchOptions, parseArgs, usage } from "./lib/args";
import { installExitHandlers, killAll } from "./lib/children";
import { addMemberEverywhere, type LoadReport } from "./lib/db";
import type { LoadResult } from "./lib/loadgen";
import { findPgbench, pgbenchScript } from "./lib/pgbench";
import { captureListQuery, explainList, forPgbench } from "./lib/query";
import { formatTable, ms, num, type Row } from "./lib/report";
import { log, machine, readOptions, runBench, started } from "./lib/run";
import { generateSigningKey, LIST_PATH, signIn } from "./lib/server";

const TARGET_GROWTH = 1.2;
const MAIN_DB = "supportdesk_bench";

/** Where the run's server logs are; kept when the run fails. */
let keptOnFailure: string | undefined;

/** The bench user's access token: signed in (and made a member everywhere) once per run. */
function tokenFor(data: Prepared): (url: string) => Promise<string> {
  let token: string | undefined;
  return async (url) => {
    if (token) return token;
    const signedIn = await signIn(url);
    await addMemberEverywhere(data.urls, signedIn.userId);
    token = signedIn.accessToken;
    return token;
  };
}

/**
 * The main matrix, round by round: at each connection count pgbench first, then the API with
 * each process count (in reverse order every other round, so neither always goes first).
 */
async function measureMatrix(
  env: Env,
  options: BenchOptions,
  main: Prepared,
  scriptFile: string,
  workDir: string,
  cores: number,
): Promise<{ pg: PgCell[]; api: ApiCell[] }> {
  const pg: PgCell[] = options.connections.map((connections) => ({ connections, runs: [] }));
  const api: ApiCell[] = options.connections.flatMap((connections) =>
    options.processes.map((processes) => ({ processes, connections, runs: [] as LoadResult[] })),
  );
  const token = tokenFor(main);
  for (let round = 1; round <= options.rounds; round++) {
    if (options.rounds > 1) log(`round ${round} of ${options.rounds}`);
    const order = round % 2 ? options.processes : [...options.processes].reverse();
    for (const connections of options.connections) {
      const pgCell = pg.find((c) => c.connections === connections) as PgCell;
      pgCell.runs.push(
        await measurePgbench(
          main.urls.app,
          scriptFile,
          workDir,
          connections,
          options.duration,
          cores,
        ),
      );
      for (const processes of order) {
        const run: ApiRun = {
          processes,
          connections,
          seconds: options.duration,
          warmupRequests: warmupFor(options.tenants, connections),
          label: `api-p${processes}-c${connections}-r${round}`,
        };
        const cell = api.find(
          (c) => c.connections === connections && c.processes === processes,
        ) as ApiCell;
        cell.runs.push(await measureApi(env, options, main, run, workDir, token));
      }
    }
  }
  return { pg, api };
}

type Growth = {
  small: { tenants: number; load: LoadReport; api: LoadResult };
  large: { tenants: number; load: LoadReport; api: LoadResult };
  processes: number;
  ratio: number;
};

/** Tenant-count growth: the same request on a small and a large data set. */
async function measureGrowth(env: Env, options: BenchOptions, workDir: string): Promise<Growth> {
  const connections = options.growthConnections ?? (options.connections[0] as number);
  const processes = options.processes[0] as number;
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
      {
        processes,
        connections,
        seconds: options.growthDuration,
        // The same warm-up for both sizes: the server process is new for each, so a longer
        // warm-up (more JIT) would otherwise favour the large one.
        warmupRequests: warmupFor(options.growthLarge, connections),
        label: `growth-${tenants}`,
      },
      workDir,
      tokenFor(data),
    );
    runs.push({ tenants, load: data.load, api: result });
  }
  const [small, large] = runs as [(typeof runs)[0], (typeof runs)[0]];
  return { small, large, processes, ratio: large.api.latencyMs.p95 / small.api.latencyMs.p95 };
}

function growthRows(growth: Growth, rowsPerTenant: number): Row[] {
  return [
    {
      figure: `p95 at ${growth.small.tenants} tenants × ${rowsPerTenant}`,
      value: ms(growth.small.api.latencyMs.p95),
    },
    {
      figure: `p95 at ${growth.large.tenants} tenants × ${rowsPerTenant}`,
      value: ms(growth.large.api.latencyMs.p95),
    },
    {
      figure: `growth p95(${growth.large.tenants}) ÷ p95(${growth.small.tenants})`,
      value: num(growth.ratio, 3),
      target: `≤ ${TARGET_GROWTH}`,
      pass: growth.ratio <= TARGET_GROWTH,
    },
  ];
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
      `${options.tenants} tenants × ${options.tickets} tickets, ${options.duration} s per run, ` +
      `connections ${options.connections.join(", ")}, server processes ${options.processes.join(", ")}` +
      (options.rounds > 1 ? `, ${options.rounds} rounds` : ""),
  );
  const pgbenchBin = findPgbench();
  const env: Env = { ...benchEnv(), authKeys: JSON.stringify([await generateSigningKey()]) };

  // 1. The main data set, and the SQL the server sends for it, as a pgbench script.
  const main = await prepare(env, MAIN_DB, options.tenants, options.tickets);
  const firstTenant = main.ids[0] as string;
  const captured = await captureListQuery(main.urls.app, firstTenant);
  const script = pgbenchScript(options.tenants, forPgbench(captured.list));
  const scriptFile = join(workDir, "tickets-list.sql");
  await Bun.write(scriptFile, script);
  const explain = await explainList(main.urls.app, firstTenant, captured.list);

  // 2-3. pgbench and the API (each process count) at each connection count, alternating.
  log(`measuring (pgbench: ${pgbenchBin})`);
  const matrix =
    options.search === "only"
      ? { pg: [], api: [] }
      : await measureMatrix(env, options, main, scriptFile, workDir, info.cores);
  const pg = matrix.pg.map(summarizePg);
  const api = matrix.api.map((cell) =>
    summarizeApi(cell, matrix.pg.find((p) => p.connections === cell.connections) as PgCell),
  );

  // 4. Tenant-count growth; then search, when asked for.
  const growth = options.skipGrowth ? undefined : await measureGrowth(env, options, workDir);
  const search =
    options.search === "off"
      ? undefined
      : await measureSearch(env, options, main, workDir, info.cores, signIn);

  // 5. The table and the JSON.
  const targetConnections = options.connections[0] as number;
  const rows: Row[] = [
    ...matrixRows(pg, api, targetConnections, options.rounds),
    ...(growth ? growthRows(growth, options.growthRows) : []),
    ...(search?.rows ?? []),
  ];
  const report = {
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date().toISOString(),
    command: ["bun", "bench/api.ts", ...process.argv.slice(2)].join(" "),
    machine: {
      ...info,
      loadAverageAtEnd: loadavg().map((v) => Math.round(v * 100) / 100),
      postgres: await serverVersion(main.urls),
      pgbench: pgbenchBin,
    },
    parameters: {
      ...options,
      growthConnections: options.growthConnections ?? targetConnections,
      growthProcesses: growth?.processes,
      pool: options.pool ?? "server default (DATABASE_POOL_MAX 10, per process)",
      request: `GET ${LIST_PATH} with Authorization: Bearer and X-Tenant-ID cycling over all tenants`,
      server:
        "bun apps/server/src/main.ts, NODE_ENV=production, LOG_LEVEL=warn, SERVER_PROCESSES=<processes> (a primary and that many workers on one port when above 1)",
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
    summary: {
      pgbench: pg,
      api,
      target: { ratio: TARGET_RATIO, atConnections: targetConnections },
    },
    runs: { pgbench: matrix.pg, api: matrix.api },
    pgbenchScript: script,
    growth: growth && {
      processes: growth.processes,
      small: { tenants: growth.small.tenants, api: growth.small.api },
      large: { tenants: growth.large.tenants, api: growth.large.api },
      ratio: growth.ratio,
      target: TARGET_GROWTH,
      pass: growth.ratio <= TARGET_GROWTH,
    },
    query: { statements: captured.statements, explainAnalyze: explain },
    search: search && { ...search, rows: undefined },
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
