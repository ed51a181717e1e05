// The real server (`bun apps/server/src/main.ts`) in a child process, pointed at a bench database.
import { closeSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { repoRoot } from "@supportdesk/config";
import type { Subprocess } from "bun";
import { benchVariable } from "./args";
import { track } from "./children";
import { listeningSockets } from "./procfs";

/**
 * JOB_ENCRYPTION_KEY for every process one bench run starts (server and worker must agree; the
 * bench's own outbox rows are sealed with it too). Fresh per run, like the signing key.
 */
export const BENCH_JOB_KEY = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString(
  "base64",
);

/** An Ed25519 private JWK for AUTH_KEYS, made fresh for each bench run. */
export async function generateSigningKey(): Promise<Record<string, string>> {
  const pair = await crypto.subtle.generateKey("Ed25519", true, ["sign", "verify"]);
  if (!("privateKey" in pair)) throw new Error("The runtime made an Ed25519 key, not a key pair.");
  const jwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
  if (!jwk.x || !jwk.d) throw new Error("The runtime exported an Ed25519 key without x or d.");
  const kid = `bench-${Buffer.from(crypto.getRandomValues(new Uint8Array(9))).toString("base64url")}`;
  return { kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d, kid, alg: "EdDSA" };
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

export type ServerConfig = {
  databaseUrl: string;
  adminUrl: string;
  redisUrl: string;
  authKeys: string;
  pool: number | undefined;
  /** SERVER_PROCESSES (default 1): above 1, a primary with that many workers on one port. */
  processes?: number;
  logFile: string;
};

export type RunningServer = {
  url: string;
  child: Subprocess;
  logFile: string;
  stop(): Promise<void>;
};

/** The last lines of the server's log, for error messages. */
export function logTail(file: string, lines = 25): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no server log)";
  }
}

const LIMIT = "1000000000";

/** BENCH_PROFILE_DIR=dir: the server writes a CPU profile (also as markdown) there when it stops. */
function profileFlags(): string[] {
  const dir = benchVariable("BENCH_PROFILE_DIR");
  return dir ? ["--cpu-prof", "--cpu-prof-md", `--cpu-prof-dir=${dir}`] : [];
}

/** Starts the server and waits until `/ready` answers 200 (PostgreSQL and Redis reachable). */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const processes = config.processes ?? 1;
  const port = await freePort();
  const fd = openSync(config.logFile, "a");
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    PORT: String(port),
    DATABASE_URL: config.databaseUrl,
    DATABASE_ADMIN_URL: config.adminUrl,
    REDIS_URL: config.redisUrl,
    AUTH_KEYS: config.authKeys,
    JOB_ENCRYPTION_KEY: BENCH_JOB_KEY,
    ACCESS_TOKEN_TTL_SECONDS: "3600",
    // The limiter still runs (its Redis round trip is part of every request), it just never refuses.
    RATE_LIMIT_FREE_PER_MINUTE: LIMIT,
    RATE_LIMIT_PRO_PER_MINUTE: LIMIT,
    RATE_LIMIT_ENTERPRISE_PER_MINUTE: LIMIT,
    RATE_LIMIT_AUTH_PER_MINUTE: LIMIT,
    RATE_LIMIT_PUBLIC_PER_MINUTE: LIMIT,
    RATE_LIMIT_CONTACT_PER_IP_PER_HOUR: LIMIT,
    RATE_LIMIT_CONTACT_PER_TENANT_PER_HOUR: LIMIT,
    RATE_LIMIT_LOGIN_FAILURES_PER_MINUTE: LIMIT,
    RATE_LIMIT_LOGIN_FAILURES_PER_EMAIL_PER_HOUR: LIMIT,
    DATABASE_POOL_MAX: config.pool === undefined ? undefined : String(config.pool),
    SERVER_PROCESSES: String(processes),
  };
  if (config.pool === undefined) delete env.DATABASE_POOL_MAX;
  const child = track(
    Bun.spawn(["bun", ...profileFlags(), "apps/server/src/main.ts"], {
      cwd: repoRoot(),
      env,
      stdin: "ignore",
      stdout: fd,
      stderr: fd,
    }),
  );
  closeSync(fd);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  let last = "";
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `The server exited (code ${child.exitCode}) before it was ready. Its log (${config.logFile}):\n` +
          logTail(config.logFile),
      );
    }
    try {
      const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2000) });
      last = `${res.status} ${await res.text()}`;
      if (res.ok) break;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await Bun.sleep(200);
  }
  // /ready answers once one worker listens: wait for all of them, or the first seconds of load
  // would go to fewer processes than the run says.
  let listening = listeningSockets(port);
  while (processes > 1 && listening !== null && listening < processes) {
    if (Date.now() >= deadline) break;
    await Bun.sleep(100);
    listening = listeningSockets(port);
  }
  if (Date.now() >= deadline) {
    child.kill("SIGKILL");
    throw new Error(
      `The server was not ready within 30 s (last answer from /ready: ${last}; ` +
        `${listening ?? "?"} of ${processes} processes listening). Its log:\n` +
        logTail(config.logFile),
    );
  }
  return {
    url,
    child,
    logFile: config.logFile,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      // A primary passes SIGTERM on and exits when its workers have: a little more time.
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await child.exited;
      clearTimeout(timer);
    },
  };
}

type TrpcAnswer<T> = {
  result?: { data: T };
  error?: { message: string; data?: { code?: string } };
};

async function mutation<T>(url: string, path: string, input: unknown): Promise<TrpcAnswer<T>> {
  const res = await fetch(`${url}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(input),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  try {
    return JSON.parse(text) as TrpcAnswer<T>;
  } catch {
    throw new Error(
      `${path} answered ${res.status} with a body that is not JSON: ${text.slice(0, 300)}`,
    );
  }
}

export const BENCH_EMAIL = "bench-user@bench.invalid";
const BENCH_PASSWORD = "bench password, not a secret";

/** Signs in the bench user (registering it the first time); returns its id and access token. */
export async function signIn(url: string): Promise<{ userId: string; accessToken: string }> {
  type SignedIn = { accessToken: string; user: { id: string } };
  const credentials = { email: BENCH_EMAIL, password: BENCH_PASSWORD, tokenDelivery: "body" };
  let answer = await mutation<SignedIn>(url, "auth.login", credentials);
  if (answer.error?.data?.code === "UNAUTHORIZED") {
    // Registration signs nobody in (its emailed link does); the password works before that.
    const { tokenDelivery: _, ...account } = credentials;
    await mutation(url, "auth.register", { ...account, name: "Bench User" });
    answer = await mutation<SignedIn>(url, "auth.login", credentials);
  }
  if (!answer.result) {
    throw new Error(`Signing in the bench user failed: ${answer.error?.message ?? "no result"}`);
  }
  return { userId: answer.result.data.user.id, accessToken: answer.result.data.accessToken };
}

/** The request the benchmark measures: the first page of tickets.list, 25 per page. */
export const LIST_PATH = `/trpc/tickets.list?input=${encodeURIComponent(JSON.stringify({ perPage: 25 }))}`;

/** One request as the load generator makes it; checks the answer is a full first page. */
export async function checkList(url: string, token: string, tenantId: string): Promise<void> {
  const res = await fetch(`${url}${LIST_PATH}`, {
    headers: { authorization: `Bearer ${token}`, "x-tenant-id": tenantId },
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json().catch(() => undefined)) as
    | TrpcAnswer<{ data: unknown[]; pagination: { has_next: boolean }; tenant_id: string }>
    | undefined;
  const page = body?.result?.data;
  if (!res.ok || !page || page.data.length !== 25 || page.tenant_id !== tenantId) {
    throw new Error(
      `A check request to tickets.list did not return a page of 25 tickets of tenant ${tenantId}: ` +
        `HTTP ${res.status} ${JSON.stringify(body).slice(0, 400)}`,
    );
  }
}
