// What the worker's process tests share: a free port, the worker as a child process against the
// test database, and a redis-server of their own (to stop and restart).
import { createServer } from "node:net";
import { join } from "node:path";
import { env } from "@supportdesk/config";
import type { CapturedMessage } from "@supportdesk/email/capture";

const root = join(import.meta.dir, "..", "..", "..");
const config = env();
const spawned: ReturnType<typeof Bun.spawn>[] = [];

/** Kills every process the kit started (call in afterAll). */
export function killSpawned(): void {
  for (const proc of spawned) proc.kill("SIGKILL");
}

/** A queue prefix of its own, so parallel suites never take each other's jobs. */
export const prefix = () => `bull-w-${crypto.randomUUID().slice(0, 8)}`;
/** Matches captured mail sent to `address`. */
export const to = (address: string) => (m: CapturedMessage) => m.to.includes(address);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/**
 * How far back a test worker's relay looks: the shared test database holds other suites' pending
 * jobs, which no worker here should run or wait behind; a test's own jobs are recorded at most a
 * minute before it (re)starts its worker.
 */
const RELAY_LOOKBACK_MS = 60_000;

/**
 * Starts `bun apps/worker/src/main.ts` against the test database and the given Redis/SMTP;
 * `env` adds or overrides variables (e.g. to run the inbound SMTP receiver on a port of its own).
 */
export function startWorker(options: {
  redisUrl: string;
  smtpUrl: string;
  prefix: string;
  env?: Record<string, string>;
}) {
  const proc = Bun.spawn(["bun", "apps/worker/src/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: config.DATABASE_URL,
      REDIS_URL: options.redisUrl,
      SMTP_URL: options.smtpUrl,
      QUEUE_PREFIX: options.prefix,
      WORKER_LOCK_DURATION_MS: "2000",
      LOG_LEVEL: "warn",
      APP_URL: "http://app.supportdesk.test",
      // Tests that receive mail run the SMTP receiver themselves, on a port of their own.
      INBOUND_SMTP_ENABLED: "false",
      OUTBOX_RELAY_SINCE: new Date(Date.now() - RELAY_LOOKBACK_MS).toISOString(),
      ...options.env,
    },
    stdout: "ignore",
    stderr: "inherit",
  });
  spawned.push(proc);
  return proc;
}

/** A redis-server of our own (append-only, so a restart keeps its data). */
export async function startRedis(port: number, dir: string) {
  const proc = Bun.spawn(
    [
      "redis-server",
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--appendonly",
      "yes",
      "--save",
      "",
      "--maxmemory-policy",
      "noeviction",
    ],
    { stdout: "ignore", stderr: "ignore" },
  );
  spawned.push(proc);
  for (let i = 0; i < 100; i++) {
    const up = await Bun.connect({ hostname: "127.0.0.1", port, socket: { data() {} } }).then(
      (socket) => {
        socket.end();
        return true;
      },
      () => false,
    );
    if (up) return proc;
    await Bun.sleep(50);
  }
  throw new Error("redis-server did not start");
}
