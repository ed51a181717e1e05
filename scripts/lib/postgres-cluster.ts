// The project-local PostgreSQL cluster for the services command (when no server answers on the
// standard port): which binaries, its data directory, starting it as the right OS user, stopping it.
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { findFreePort, portAnswers } from "./net.ts";
import {
  asUserArgv,
  envWithoutPgVars,
  isRoot,
  osUserIds,
  processAlive,
  type RunResult,
  run,
  shellQuote,
  sleep,
  tail,
  which,
} from "./proc.ts";
import { dataDir, type LocalPostgres } from "./state.ts";
import { UserError } from "./ui.ts";

const firstLocalPort = 54329;
const pgRoot = join(dataDir, "postgres");

export interface PgBinaries {
  dir: string;
  version: string;
}

function majorVersion(binary: string): string | null {
  const result = Bun.spawnSync([binary, "--version"], { stdout: "pipe", stderr: "ignore" });
  return /(\d+)(\.\d+)?/.exec(result.stdout.toString())?.[1] ?? null;
}

/** Debian's versioned installs, newest first, then whatever initdb is on PATH. */
function installedBinaries(): PgBinaries[] {
  const found: PgBinaries[] = [];
  const base = "/usr/lib/postgresql";
  if (existsSync(base)) {
    for (const version of readdirSync(base)) {
      const dir = join(base, version, "bin");
      if (existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl"))) {
        found.push({ dir, version });
      }
    }
    found.sort((a, b) => Number(b.version) - Number(a.version));
  }
  const initdb = which("initdb");
  if (initdb && existsSync(join(dirname(initdb), "pg_ctl"))) {
    const version = majorVersion(initdb);
    if (version) found.push({ dir: dirname(initdb), version });
  }
  return found;
}

export function findPsql(): string | null {
  const onPath = which("psql");
  if (onPath) return onPath;
  const newest = installedBinaries()[0];
  return newest && existsSync(join(newest.dir, "psql")) ? join(newest.dir, "psql") : null;
}

const clusterDir = join(pgRoot, "data");

/**
 * The binaries for the project-local cluster: the version its data directory was made with,
 * else the newest installed. Null when none is installed.
 */
export function clusterBinaries(): PgBinaries | null {
  const versionFile = join(clusterDir, "PG_VERSION");
  const all = installedBinaries();
  if (!existsSync(versionFile)) return all[0] ?? null;
  const version = readFileSync(versionFile, "utf8").trim();
  const match = all.find((bins) => bins.version === version);
  if (match) return match;
  throw new UserError(
    `The project-local cluster in ${clusterDir} was created by PostgreSQL ${version}, whose ` +
      `binaries are no longer installed. Install them again (Debian: apt-get install ` +
      `postgresql-${version}), or delete .data/postgres to start over with an empty database.`,
  );
}

function clusterUser(): string | null {
  if (!isRoot) return null;
  if (!osUserIds("postgres") || !asUserArgv("postgres", ["true"])) {
    throw new UserError(
      "initdb refuses to run as root, and there is no postgres OS user to run it as (or neither " +
        "runuser nor su exists). Create one (useradd --system --create-home postgres), run this " +
        "as a normal user, or set DATABASE_URL and DATABASE_ADMIN_URL to an existing server.",
    );
  }
  return "postgres";
}

function pgCtl(record: Pick<LocalPostgres, "pgCtl" | "runAs">, args: string[]): Promise<RunResult> {
  return run([record.pgCtl, ...args], { asUser: record.runAs, cwd: "/", env: envWithoutPgVars() });
}

/** pid and port from postmaster.pid, which PostgreSQL keeps while it runs. */
function postmaster(pgdata: string): { pid: number; port: number } | null {
  try {
    const lines = readFileSync(join(pgdata, "postmaster.pid"), "utf8").split("\n");
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    return pid > 0 && port > 0 && Number.isInteger(pid + port) ? { pid, port } : null;
  } catch {
    return null;
  }
}

/**
 * The cluster in .data/postgres when it runs without a services.json entry (the file was
 * deleted): it is still ours to reuse and to stop.
 */
export function orphanedCluster(): LocalPostgres | null {
  const running = postmaster(clusterDir);
  if (!running || !processAlive(running.pid)) return null;
  const bins = clusterBinaries();
  if (!bins) return null;
  const runAs = isRoot ? "postgres" : null;
  const logFile = join(pgRoot, "postgres.log");
  const pgCtl = join(bins.dir, "pg_ctl");
  return { dataDir: clusterDir, port: running.port, pgCtl, runAs, logFile };
}

/** True when pg_ctl reports the recorded cluster running and it answers on its port. */
export async function clusterRunning(record: LocalPostgres): Promise<boolean> {
  if (!existsSync(record.pgCtl) || !existsSync(record.dataDir)) return false;
  const status = await pgCtl(record, ["status", "-D", record.dataDir]);
  return status.code === 0 && (await portAnswers("127.0.0.1", record.port));
}

/** Root runs initdb/pg_ctl as postgres, which must own .data/postgres and reach it. */
function prepareDirs(runAs: string | null, socketDir: string, logFile: string): void {
  mkdirSync(socketDir, { recursive: true });
  if (!runAs) return;
  const ids = osUserIds(runAs);
  if (!ids) return;
  chmodSync(dataDir, statSync(dataDir).mode | 0o011);
  for (const path of [pgRoot, socketDir, logFile]) {
    if (existsSync(path)) chownSync(path, ids.uid, ids.gid);
  }
}

async function initCluster(bins: PgBinaries, runAs: string | null): Promise<void> {
  if (existsSync(clusterDir) && readdirSync(clusterDir).length > 0) {
    throw new UserError(
      `${clusterDir} is not empty but holds no cluster (an interrupted initdb?). Delete ` +
        ".data/postgres and run this again.",
    );
  }
  const initdb = [join(bins.dir, "initdb"), "-D", clusterDir, "-U", "postgres", "--auth=trust"];
  const result = await run([...initdb, "--encoding=UTF8", "--no-locale"], {
    asUser: runAs,
    cwd: "/",
    env: envWithoutPgVars(),
  });
  if (result.code !== 0) {
    throw new UserError(
      `initdb failed for the project-local cluster:\n${tail(result.stdout + result.stderr)}\n` +
        "Fix the cause above (or delete .data/postgres) and run this again.",
    );
  }
}

export interface ClusterResult {
  record: LocalPostgres;
  started: boolean;
  initialised: boolean;
  version: string;
}

/**
 * Starts (creating it first if needed) the project-local cluster in .data/postgres, bound to
 * 127.0.0.1 on a free port from 54329 up, trust auth; reuses it when it is already running.
 */
export async function ensureCluster(bins: PgBinaries): Promise<ClusterResult> {
  const runAs = clusterUser();
  const socketDir = join(pgRoot, "run");
  const logFile = join(pgRoot, "postgres.log");
  const base = { dataDir: clusterDir, pgCtl: join(bins.dir, "pg_ctl"), runAs, logFile };
  prepareDirs(runAs, socketDir, logFile);
  if (runAs && (await run(["test", "-w", pgRoot], { asUser: runAs, cwd: "/" })).code !== 0) {
    throw new UserError(
      `The ${runAs} OS user cannot write to ${pgRoot}, so it cannot run the local cluster. Every ` +
        `directory above it must be searchable by others (chmod o+x on each), or set ` +
        "DATABASE_URL and DATABASE_ADMIN_URL to an existing server.",
    );
  }

  const initialised = !existsSync(join(clusterDir, "PG_VERSION"));
  if (initialised) await initCluster(bins, runAs);

  const status = await pgCtl(base, ["status", "-D", clusterDir]);
  if (status.code === 0) {
    // Running already, maybe from before services.json was lost: postmaster.pid has the port.
    const port = postmaster(clusterDir)?.port;
    for (let i = 0; port && i < 60; i++) {
      if (await portAnswers("127.0.0.1", port)) {
        return { record: { ...base, port }, started: false, initialised, version: bins.version };
      }
      await sleep(500);
    }
    throw new UserError(
      `The project-local PostgreSQL in ${clusterDir} is running but does not answer. See ` +
        `${logFile}, then run \`bun scripts/services.ts down\` and try again.`,
    );
  }

  const port = await findFreePort("127.0.0.1", firstLocalPort);
  // Unix socket paths are limited to ~107 bytes; we only use TCP, so drop the socket if too long.
  const socket = `${socketDir}/.s.PGSQL.${port}`.length < 100 ? socketDir : "";
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${shellQuote(socket)}`;
  const start = ["start", "-D", clusterDir, "-l", logFile, "-w", "-t", "60", "-o", options];
  const started = await pgCtl(base, start);
  if (started.code !== 0 || !(await portAnswers("127.0.0.1", port))) {
    const log = existsSync(logFile) ? tail(readFileSync(logFile, "utf8")) : "(no log file)";
    throw new UserError(
      `Starting the project-local PostgreSQL failed:\n${tail(started.stdout + started.stderr)}\n` +
        `Last lines of ${logFile}:\n${log}\nFix the cause above and run this again.`,
    );
  }
  return { record: { ...base, port }, started: true, initialised, version: bins.version };
}

/** `pg_ctl stop -m fast` for a cluster this command started; false if it was not running. */
export async function stopCluster(record: LocalPostgres): Promise<boolean> {
  if (!existsSync(record.pgCtl) || !existsSync(record.dataDir)) return false;
  if ((await pgCtl(record, ["status", "-D", record.dataDir])).code !== 0) return false;
  const stop = ["stop", "-D", record.dataDir, "-m", "fast", "-w", "-t", "60"];
  const result = await pgCtl(record, stop);
  if (result.code !== 0) {
    throw new UserError(
      `Stopping the project-local PostgreSQL (${record.dataDir}) failed:\n` +
        `${tail(`${result.stdout}\n${result.stderr}`)}\nStop it by hand with: ` +
        `${record.runAs ? `runuser -u ${record.runAs} -- ` : ""}${record.pgCtl} stop ` +
        `-D ${record.dataDir} -m fast`,
    );
  }
  return true;
}
