// The processes bench:queue runs: a private redis-server, the SMTP sink, and the real worker
// (`bun apps/worker/src/main.ts`). Every one is tracked, so exit and Ctrl-C kill it.
import { closeSync, openSync } from "node:fs";
import { join } from "node:path";
import { envSchema, repoRoot } from "@supportdesk/config";
import type { Subprocess } from "bun";
import { benchVariable } from "./args";
import { track } from "./children";
import { unlessExited } from "./queue-context";
import type { SinkMessage, SinkRequest } from "./queue-smtp-sink";
import { BENCH_JOB_KEY, freePort, logTail } from "./server";

/** The worker's concurrency defaults (the config schema's, not whatever .env says). */
export function workerDefaults(): { email: number; notification: number; poolMax: number } {
  const defaults = envSchema.parse({ DATABASE_URL: "postgres://x", REDIS_URL: "redis://x" });
  return {
    email: defaults.WORKER_EMAIL_CONCURRENCY,
    notification: defaults.WORKER_NOTIFICATION_CONCURRENCY,
    poolMax: defaults.DATABASE_POOL_MAX,
  };
}

/** Waits for `check` to be true, polling every `everyMs`; false when `ms` passed first. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  ms: number,
  everyMs = 50,
): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await Bun.sleep(everyMs);
  }
  return check();
}

async function stopChild(child: Subprocess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await child.exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// Redis

export type PrivateRedis = { url: string; port: number; stop(): Promise<void> };

/** A throwaway redis-server on a free port (no persistence, `noeviction` as BullMQ needs). */
export async function startPrivateRedis(binary: string, workDir: string): Promise<PrivateRedis> {
  const port = await freePort();
  const logFile = join(workDir, "redis.log");
  const child = track(
    Bun.spawn(
      [
        binary,
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--maxmemory-policy",
        "noeviction",
        "--dir",
        workDir,
        "--logfile",
        logFile,
      ],
      { stdin: "ignore", stdout: "ignore", stderr: "pipe" },
    ),
  );
  const ready = await waitFor(
    async () => {
      if (child.exitCode !== null) return true;
      try {
        const socket = await Bun.connect({
          hostname: "127.0.0.1",
          port,
          socket: { data() {} },
        });
        socket.end();
        return true;
      } catch {
        return false;
      }
    },
    10_000,
    100,
  );
  if (!ready || child.exitCode !== null) {
    const err = await new Response(child.stderr).text().catch(() => "");
    child.kill("SIGKILL");
    throw new Error(
      `The private redis-server (${binary}) did not start on port ${port}: ${err.trim() || logTail(logFile, 10)}`,
    );
  }
  return {
    url: `redis://127.0.0.1:${port}/0`,
    port,
    stop: () => stopChild(child, 3000),
  };
}

// ---------------------------------------------------------------------------------------------
// SMTP sink

export type Sink = {
  url: string;
  count(): Promise<Extract<SinkMessage, { type: "count" }>>;
  report(): Promise<Extract<SinkMessage, { type: "report" }>>;
  stop(): Promise<void>;
};

/** Starts bench/lib/queue-smtp-sink.ts and waits until it listens. */
export async function startSink(): Promise<Sink> {
  const waiting = new Map<string, (message: SinkMessage) => void>();
  let onReady: ((port: number) => void) | undefined;
  const child = track(
    Bun.spawn(["bun", join(repoRoot(), "bench", "lib", "queue-smtp-sink.ts")], {
      cwd: repoRoot(),
      stdin: "ignore",
      stdout: "inherit",
      stderr: "inherit",
      serialization: "json",
      ipc(message: SinkMessage) {
        if (message.type === "ready") onReady?.(message.port);
        else waiting.get(message.type)?.(message);
      },
    }),
  );
  const port = await unlessExited(
    new Promise<number>((resolve) => {
      onReady = resolve;
    }),
    child,
    15_000,
    "The SMTP sink listening",
  );
  const ask = <T extends SinkMessage["type"]>(type: T & SinkRequest["type"]) =>
    new Promise<Extract<SinkMessage, { type: T }>>((resolve, reject) => {
      if (child.exitCode !== null) {
        reject(new Error(`The SMTP sink is gone (exit ${child.exitCode}).`));
        return;
      }
      const timer = setTimeout(
        () => reject(new Error(`The SMTP sink did not answer ${type}.`)),
        10_000,
      );
      waiting.set(type, (message) => {
        clearTimeout(timer);
        waiting.delete(type);
        resolve(message as Extract<SinkMessage, { type: T }>);
      });
      child.send({ type } satisfies SinkRequest);
    });
  return {
    url: `smtp://127.0.0.1:${port}`,
    count: () => ask("count"),
    report: () => ask("report"),
    async stop() {
      if (child.exitCode === null) child.send({ type: "stop" } satisfies SinkRequest);
      await Promise.race([child.exited, Bun.sleep(3000)]);
      await stopChild(child, 1000);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The worker

export type WorkerConfig = {
  databaseUrl: string;
  redisUrl: string;
  smtpUrl: string;
  prefix: string;
  emailConcurrency: number;
  notificationConcurrency: number;
  /** WORKER_AUTOMATION_CONCURRENCY (the config's default when unset). */
  automationConcurrency?: number;
  logFile: string;
};

export type RunningWorker = {
  child: Subprocess;
  logFile: string;
  /** Throws (with the log's tail) when the worker has exited. */
  assertAlive(): void;
  /** SIGTERM (it finishes in-flight jobs), SIGKILL after 15 s. */
  stop(): Promise<void>;
};

/** BENCH_PROFILE_DIR=dir: the worker writes a CPU profile (also as markdown) there when it stops. */
function profileFlags(): string[] {
  const dir = benchVariable("BENCH_PROFILE_DIR");
  return dir ? ["--cpu-prof", "--cpu-prof-md", `--cpu-prof-dir=${dir}`] : [];
}

/** Starts the real worker process: relay and handlers, as `bun run worker` runs them. */
export function startWorker(config: WorkerConfig): RunningWorker {
  const fd = openSync(config.logFile, "a");
  const child = track(
    Bun.spawn(["bun", ...profileFlags(), "apps/worker/src/main.ts"], {
      cwd: repoRoot(),
      env: {
        ...process.env,
        NODE_ENV: "production",
        LOG_LEVEL: "warn",
        DATABASE_URL: config.databaseUrl,
        REDIS_URL: config.redisUrl,
        SMTP_URL: config.smtpUrl,
        QUEUE_PREFIX: config.prefix,
        WORKER_EMAIL_CONCURRENCY: String(config.emailConcurrency),
        WORKER_NOTIFICATION_CONCURRENCY: String(config.notificationConcurrency),
        ...(config.automationConcurrency
          ? { WORKER_AUTOMATION_CONCURRENCY: String(config.automationConcurrency) }
          : {}),
        APP_URL: "http://app.bench.invalid",
        JOB_ENCRYPTION_KEY: BENCH_JOB_KEY,
        // Several bench workers run at once; none of them receives mail.
        INBOUND_SMTP_ENABLED: "false",
      },
      stdin: "ignore",
      stdout: fd,
      stderr: fd,
    }),
  );
  closeSync(fd);
  return {
    child,
    logFile: config.logFile,
    assertAlive() {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `The worker exited (code ${child.exitCode ?? child.signalCode}). Its log (${config.logFile}):\n` +
            logTail(config.logFile),
        );
      }
    },
    stop: () => stopChild(child, 15_000),
  };
}
