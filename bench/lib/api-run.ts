// bench:api's steps: its environment, a data set ready to measure, one API measurement (a server
// with N processes under load) and one pgbench measurement of the same SQL.
import { join } from "node:path";
import { ConfigError, loadEnv } from "@supportdesk/config";
import { type BenchOptions, benchVariable } from "./args";
import { ensureDataset, type LoadReport, tenantIds } from "./db";
import { type BenchUrls, benchUrls, describe, ensureDatabase, migrate } from "./db-setup";
import { runLoad } from "./load";
import type { LoadResult } from "./loadgen";
import { type PgbenchResult, pgbench } from "./pgbench";
import { ms, num } from "./report";
import { log } from "./run";
import { checkList, LIST_PATH, logTail, type RunningServer, startServer } from "./server";

export type Env = { adminUrl: string; appUrl: string; redisUrl: string; authKeys: string };

export function benchEnv(): Omit<Env, "authKeys"> {
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
export const warmupFor = (tenants: number, connections: number) =>
  Math.max(tenants, connections * 50, 5000);

export type Prepared = { urls: BenchUrls; load: LoadReport; ids: string[] };

export async function prepare(
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

export type ApiRun = {
  processes: number;
  connections: number;
  seconds: number;
  warmupRequests: number;
  label: string;
};

/**
 * Starts the server with `run.processes` processes on the data set, checks a request, and
 * measures tickets.list at `run.connections`. `signIn` gives the bench user's access token (made
 * a member of every tenant) the first time it is called with a running server.
 */
export async function measureApi(
  env: Env,
  options: BenchOptions,
  data: Prepared,
  run: ApiRun,
  workDir: string,
  signIn: (url: string) => Promise<string>,
): Promise<LoadResult> {
  let server: RunningServer | undefined;
  const logFile = join(workDir, `server-${run.label}.log`);
  try {
    server = await startServer({
      databaseUrl: data.urls.app,
      adminUrl: data.urls.admin,
      redisUrl: env.redisUrl,
      authKeys: env.authKeys,
      pool: options.pool,
      processes: run.processes,
      logFile,
    });
    const accessToken = await signIn(server.url);
    for (const id of [data.ids[0], data.ids[data.ids.length - 1]]) {
      if (id) await checkList(server.url, accessToken, id);
    }
    log(
      `  ${run.label}: ${run.processes} server process${run.processes > 1 ? "es" : ""}, ` +
        `warm-up (${run.warmupRequests} requests), then ${run.seconds} s at ` +
        `${run.connections} connections over ${data.ids.length} tenants`,
    );
    const result = await runLoad(
      {
        url: server.url,
        path: LIST_PATH,
        token: accessToken,
        tenantIds: data.ids,
        connections: run.connections,
        duration: run.seconds,
        warmupRequests: run.warmupRequests,
        serverPid: server.child.pid,
      },
      workDir,
      run.label,
    );
    const cpu = result.cpu.server ? `, server CPU ${num(result.cpu.server.cores, 2)} cores` : "";
    log(
      `  ${run.label}: ${num(result.reqPerSec)} req/s, p50 ${ms(result.latencyMs.p50)}, ` +
        `p95 ${ms(result.latencyMs.p95)}, p99 ${ms(result.latencyMs.p99)}${cpu}` +
        (result.non2xx || result.errors
          ? ` (${result.non2xx} non-2xx, ${result.errors} errors: ${JSON.stringify(result.statusCounts)})`
          : ""),
    );
    if (result.non2xx > 0) {
      log(`  ${run.label}: some requests failed; the server log says:\n${logTail(logFile, 10)}`);
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

/** pgbench on the list script at `clients`, as the app role, for `seconds`. */
export async function measurePgbench(
  url: string,
  scriptFile: string,
  workDir: string,
  clients: number,
  seconds: number,
  cores: number,
): Promise<PgbenchResult> {
  log(`  pgbench: ${seconds} s at ${clients} clients`);
  const result = await pgbench({
    url,
    scriptFile,
    workDir,
    clients,
    threads: Math.max(1, Math.min(clients, cores)),
    seconds,
    warmupSeconds: Math.min(5, Math.max(1, Math.floor(seconds / 5))),
  });
  log(
    `  pgbench: ${num(result.tps)} TPS, p50 ${ms(result.latencyMs.p50)}, ` +
      `p95 ${ms(result.latencyMs.p95)}, p99 ${ms(result.latencyMs.p99)}` +
      (result.failed ? `, ${result.failed} failed` : ""),
  );
  return result;
}

export async function serverVersion(urls: BenchUrls): Promise<string> {
  const { createDatabase } = await import("@supportdesk/database");
  const db = createDatabase({ url: urls.app, max: 1 });
  try {
    const [row] = await db.sql<{ v: string }[]>`select current_setting('server_version') as v`;
    return row?.v ?? "unknown";
  } finally {
    await db.close();
  }
}
