// Files under .data/ that `scripts/services.ts` owns: services.env, services.json and its lock.
import {
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { processAlive, sleep } from "./proc.ts";
import { errorMessage, UserError, ui } from "./ui.ts";

export const repoRoot = resolve(import.meta.dir, "../..");
export const dataDir = join(repoRoot, ".data");
export const envFile = join(dataDir, "services.env");
export const stateFile = join(dataDir, "services.json");
const lockFile = join(dataDir, "services.lock");

/** A PostgreSQL cluster this command started; `down` stops it with `pg_ctl stop`. */
export interface LocalPostgres {
  dataDir: string;
  port: number;
  pgCtl: string;
  /** OS user pg_ctl must run as (postgres when we are root), null for the current user. */
  runAs: string | null;
  logFile: string;
}

/** A redis-server this command started; `down` shuts it down. */
export interface LocalRedis {
  pidFile: string;
  port: number;
  logFile: string;
}

/** What this command started and has not stopped yet; nothing else is ever touched by `down`. */
export interface ServicesState {
  postgres: LocalPostgres | null;
  redis: LocalRedis | null;
}

export const envKeys = [
  "DATABASE_URL",
  "DATABASE_ADMIN_URL",
  "TEST_DATABASE_URL",
  "TEST_DATABASE_ADMIN_URL",
  "REDIS_URL",
  "TEST_REDIS_URL",
] as const;

export type ServicesEnv = Record<(typeof envKeys)[number], string>;

/** Writes via a temp file and rename, so readers never see a half-written file. */
export function writeFileAtomic(path: string, content: string): void {
  mkdirSync(dataDir, { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, content, { mode: 0o600 });
  renameSync(temp, path);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function readPostgres(value: unknown): LocalPostgres | null {
  if (!isRecord(value)) return null;
  const { dataDir, port, pgCtl, runAs, logFile } = value;
  if (typeof dataDir !== "string" || typeof port !== "number" || typeof pgCtl !== "string") {
    return null;
  }
  return {
    dataDir,
    port,
    pgCtl,
    runAs: typeof runAs === "string" ? runAs : null,
    logFile: typeof logFile === "string" ? logFile : join(dataDir, "..", "postgres.log"),
  };
}

function readRedis(value: unknown): LocalRedis | null {
  if (!isRecord(value)) return null;
  const { pidFile, port, logFile } = value;
  if (typeof pidFile !== "string" || typeof port !== "number") return null;
  return { pidFile, port, logFile: typeof logFile === "string" ? logFile : "" };
}

export function readState(): ServicesState {
  if (!existsSync(stateFile)) return { postgres: null, redis: null };
  try {
    const parsed: unknown = JSON.parse(readFileSync(stateFile, "utf8"));
    if (!isRecord(parsed)) throw new Error("not a JSON object");
    return { postgres: readPostgres(parsed.postgres), redis: readRedis(parsed.redis) };
  } catch (error) {
    ui.warn(`ignoring unreadable ${stateFile} (${errorMessage(error)})`);
    return { postgres: null, redis: null };
  }
}

export function writeState(state: ServicesState): void {
  writeFileAtomic(stateFile, `${JSON.stringify(state, null, 2)}\n`);
}

function dotenvValue(value: string): string {
  if (/^[\w.:/@%?=&+,~-]*$/.test(value)) return value;
  return value.includes("'") ? JSON.stringify(value) : `'${value}'`;
}

export function writeEnvFile(env: ServicesEnv): void {
  const lines = [
    "# Written by `bun scripts/services.ts up` on every run; edit .env instead.",
    ...envKeys.map((key) => `${key}=${dotenvValue(env[key])}`),
  ];
  writeFileAtomic(envFile, `${lines.join("\n")}\n`);
}

export function removeEnvFile(): void {
  rmSync(envFile, { force: true });
}

/** Creates the lock with our pid already in it: link() is atomic, so nobody sees it empty. */
function tryLock(): boolean {
  const temp = `${lockFile}.${process.pid}.tmp`;
  writeFileSync(temp, String(process.pid));
  try {
    linkSync(temp, lockFile);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return false;
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Runs `fn` while holding .data/services.lock, so `dev` and `test` starting together do not
 * both initialise a cluster or pick the same port. A lock left by a dead process is taken over.
 */
export async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(dataDir, { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  let announced = false;
  for (;;) {
    if (tryLock()) break;
    let holder: number;
    try {
      holder = Number(readFileSync(lockFile, "utf8").trim());
    } catch {
      continue; // released between our attempt and the read
    }
    if (!Number.isInteger(holder) || holder <= 0 || !processAlive(holder)) {
      rmSync(lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new UserError(
        `Another services command (pid ${holder}) has held ${lockFile} for 15 minutes. ` +
          "If it is stuck, stop it and run this again.",
      );
    }
    if (!announced) {
      ui.info(`Waiting for another services command to finish (pid ${holder})…`);
      announced = true;
    }
    await sleep(250);
  }
  try {
    return await fn();
  } finally {
    if (existsSync(lockFile) && readFileSync(lockFile, "utf8").trim() === String(process.pid)) {
      rmSync(lockFile, { force: true });
    }
  }
}
