// Redis for the services command: probe a server, start/stop a project-local redis-server.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RedisClient } from "bun";
import { findFreePort, portAnswers } from "./net.ts";
import { processAlive, run, sleep, tail, which } from "./proc.ts";
import { dataDir, type LocalRedis } from "./state.ts";
import { errorMessage, UserError } from "./ui.ts";

export const systemRedisPort = 6379;
const firstLocalPort = 63790;
const redisDir = join(dataDir, "redis");

export function localRedisUrl(port: number, db: number): string {
  return `redis://127.0.0.1:${port}/${db}`;
}

/** Host, port and database of a redis:// or rediss:// URL; throws a readable reason otherwise. */
export function parseRedisUrl(url: string): { host: string; port: number; db: number } {
  const parsed = new URL(url);
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    throw new Error("it must start with redis:// or rediss://");
  }
  const dbText = parsed.pathname.replace(/^\//, "");
  const db = dbText === "" ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0) throw new Error(`"${dbText}" is not a database number`);
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 6379,
    db,
  };
}

/**
 * Runs one command on a new connection; Bun's client takes the password and database from the
 * URL. There is deliberately no `connect()` first: it rejects with a bare "Connection closed"
 * whatever went wrong, while the first command fails with the real reason (WRONGPASS, timeout…).
 */
async function redisCommand(
  url: string,
  command: string,
  args: string[],
  timeoutMs = 3000,
): Promise<unknown> {
  const client = new RedisClient(url, {
    connectionTimeout: timeoutMs,
    // Bounds the wait for the reply too: the connection closes after this long without data.
    idleTimeout: timeoutMs,
    autoReconnect: false,
    maxRetries: 0,
  });
  try {
    return await client.send(command, args);
  } finally {
    client.close();
  }
}

/** Why a Redis command on `url` failed, in the words the user should see. */
async function redisFailure(url: string, error: unknown): Promise<string> {
  const message = errorMessage(error);
  const code = (error as { code?: string }).code;
  // Bun reports a refused connection only as a closed one.
  if (code === "ERR_REDIS_CONNECTION_CLOSED") {
    const { host, port } = parseRedisUrl(url);
    if (!(await portAnswers(host, port))) return "connection refused";
  }
  if (code === "ERR_REDIS_CONNECTION_TIMEOUT" || code === "ERR_REDIS_IDLE_TIMEOUT") {
    return "Redis did not reply in time";
  }
  // Bun logs in with HELLO, whose NOAUTH reply talks about HELLO options the user never chose.
  if (message.startsWith("NOAUTH")) return "NOAUTH Authentication required.";
  return message;
}

/** Null when the URL answers PING (after AUTH/SELECT), else the reason it does not. */
export async function redisProblem(url: string): Promise<string | null> {
  try {
    await redisCommand(url, "PING", []);
    return null;
  } catch (error) {
    return redisFailure(url, error);
  }
}

/** The maxmemory-policy of the server behind `url`, or why it could not be read. */
export async function evictionPolicy(url: string): Promise<{ policy: string } | { error: string }> {
  try {
    // RESP3, which Bun's client speaks, answers CONFIG GET with a map, here a plain object.
    const reply = await redisCommand(url, "CONFIG", ["GET", "maxmemory-policy"]);
    const policy = (reply as Record<string, unknown> | null)?.["maxmemory-policy"];
    return typeof policy === "string" ? { policy } : { error: "unexpected CONFIG GET reply" };
  } catch (error) {
    return { error: await redisFailure(url, error) };
  }
}

/** process_id from INFO server of whatever answers on 127.0.0.1:port. */
async function serverPid(port: number): Promise<number | null> {
  try {
    const info = await redisCommand(localRedisUrl(port, 0), "INFO", ["server"], 1000);
    const match = typeof info === "string" ? /process_id:(\d+)/.exec(info) : null;
    return match?.[1] ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

function readPid(pidFile: string): number | null {
  try {
    const pid = Number(readFileSync(pidFile, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 && processAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** True when the recorded redis-server is alive and is the one answering on its port. */
export async function localRedisRunning(record: LocalRedis): Promise<boolean> {
  const pid = readPid(record.pidFile);
  return pid !== null && (await serverPid(record.port)) === pid;
}

export function findRedisServer(): string | null {
  return which("redis-server");
}

/**
 * The redis-server in .data/redis when it is still running without a services.json entry
 * (the file was deleted): redis shows its address in the process title.
 */
export async function orphanedLocalRedis(): Promise<LocalRedis | null> {
  const pidFile = join(redisDir, "redis.pid");
  const pid = readPid(pidFile);
  if (!pid) return null;
  try {
    const title = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(title)?.[1]);
    if (port && (await serverPid(port)) === pid) {
      return { pidFile, port, logFile: join(redisDir, "redis.log") };
    }
  } catch {
    // No /proc (macOS): nothing to recover; a new server gets started on another port.
  }
  return null;
}

/** Starts a project-local redis-server on a free port from 63790 up, set up for BullMQ. */
export async function startLocalRedis(binary: string): Promise<LocalRedis> {
  mkdirSync(redisDir, { recursive: true });
  const pidFile = join(redisDir, "redis.pid");
  const logFile = join(redisDir, "redis.log");
  const port = await findFreePort("127.0.0.1", firstLocalPort);
  const result = await run(
    [binary, "--port", String(port), "--bind", "127.0.0.1", "--dir", redisDir]
      .concat(["--appendonly", "yes", "--maxmemory-policy", "noeviction", "--daemonize", "yes"])
      .concat(["--pidfile", pidFile, "--logfile", logFile]),
    { cwd: redisDir },
  );
  const record = { pidFile, port, logFile };
  for (let i = 0; result.code === 0 && i < 40; i++) {
    if (await localRedisRunning(record)) return record;
    await sleep(250);
  }
  const log = existsSync(logFile) ? tail(readFileSync(logFile, "utf8")) : "(no log file)";
  throw new UserError(
    `Starting the project-local redis-server failed:\n${tail(result.stdout + result.stderr)}\n` +
      `Last lines of ${logFile}:\n${log}\nFix the cause above and run this again.`,
  );
}

function isRedisProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("redis-server");
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 100) {
    if (!processAlive(pid)) return true;
    await sleep(100);
  }
  return !processAlive(pid);
}

/** SHUTDOWN (or SIGTERM) for a redis-server this command started; false if it was not running. */
export async function stopLocalRedis(record: LocalRedis): Promise<boolean> {
  const pid = readPid(record.pidFile);
  if (pid === null) return false;
  const answering = (await serverPid(record.port)) === pid;
  // A stale pid file may name an unrelated process that reused the pid: never signal that.
  if (!answering && !isRedisProcess(pid)) return false;
  if (answering) {
    // Redis answers a successful SHUTDOWN by closing the connection, which Bun's client reports
    // as an error; success or not shows in whether the pid exits, else SIGTERM below.
    await redisCommand(localRedisUrl(record.port, 0), "SHUTDOWN", []).catch(() => undefined);
  }
  if (!(await waitForExit(pid, 10_000))) {
    process.kill(pid, "SIGTERM");
    if (!(await waitForExit(pid, 10_000))) {
      throw new UserError(
        `The project-local redis-server (pid ${pid}) did not stop. Stop it with \`kill ${pid}\`.`,
      );
    }
  }
  return true;
}
