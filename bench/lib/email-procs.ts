// The processes bench:email runs: the real worker (`bun apps/worker/src/main.ts`), one of them
// with its SMTP receiver on, the others only taking jobs; and the CPU each group of processes
// (workers, PostgreSQL backends of the bench database, Redis, the sink, the bench) used.
import { closeSync, openSync, readFileSync } from "node:fs";
import { repoRoot } from "@supportdesk/config";
import type { Subprocess } from "bun";
import { benchVariable } from "./args";
import { track } from "./children";
import { listeningSockets } from "./procfs";
import { waitFor } from "./queue-procs";
import { BENCH_JOB_KEY, freePort, logTail } from "./server";

export type EmailWorkerConfig = {
  databaseUrl: string;
  redisUrl: string;
  /** Where the workers send mail (acknowledgements): the SMTP sink. */
  smtpUrl: string;
  prefix: string;
  inboundConcurrency: number;
  inboundDomain: string;
  maxBytes: number;
  storageDir: string;
  /** Log file of worker i (1-based): `${logPrefix}-${i}.log`. */
  logPrefix: string;
};

export type EmailWorkers = {
  /** The receiver's port (worker 1 runs it). */
  port: number;
  children: Subprocess[];
  logFiles: string[];
  /** Throws (with the log's tail) when a worker has exited. */
  assertAlive(): void;
  /** `job failed` and error lines in the logs. */
  failureLines(): string[];
  /** SIGTERM (they finish in-flight jobs), SIGKILL after 15 s. */
  stop(): Promise<void>;
};

function profileFlags(): string[] {
  const dir = benchVariable("BENCH_PROFILE_DIR");
  return dir ? ["--cpu-prof", "--cpu-prof-md", `--cpu-prof-dir=${dir}`] : [];
}

async function stopChild(child: Subprocess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await child.exited;
  clearTimeout(timer);
}

/**
 * Starts `count` worker processes: the first with INBOUND_SMTP_ENABLED=true on a free port (the
 * receiver binds one port), the others with it off, taking jobs only. Resolves once the receiver
 * listens.
 */
export async function startEmailWorkers(
  config: EmailWorkerConfig,
  count: number,
): Promise<EmailWorkers> {
  const port = await freePort();
  const logFiles = Array.from({ length: count }, (_, i) => `${config.logPrefix}-${i + 1}.log`);
  const children = logFiles.map((logFile, i) => {
    const fd = openSync(logFile, "a");
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
          APP_URL: "http://app.bench.invalid",
          JOB_ENCRYPTION_KEY: BENCH_JOB_KEY,
          WORKER_INBOUND_CONCURRENCY: String(config.inboundConcurrency),
          INBOUND_SMTP_ENABLED: i === 0 ? "true" : "false",
          INBOUND_SMTP_HOST: "127.0.0.1",
          INBOUND_SMTP_PORT: String(port),
          INBOUND_EMAIL_DOMAIN: config.inboundDomain,
          INBOUND_MAX_BYTES: String(config.maxBytes),
          STORAGE_DRIVER: "local",
          STORAGE_DIR: config.storageDir,
        },
        stdin: "ignore",
        stdout: fd,
        stderr: fd,
      }),
    );
    closeSync(fd);
    return child;
  });
  const assertAlive = () => {
    children.forEach((child, i) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `Worker ${i + 1} exited (code ${child.exitCode ?? child.signalCode}). Its log (${logFiles[i]}):\n` +
            logTail(logFiles[i] as string),
        );
      }
    });
  };
  const stop = () => Promise.all(children.map((child) => stopChild(child, 15_000))).then(() => {});
  const listening = await waitFor(
    () => {
      assertAlive();
      return (listeningSockets(port) ?? 0) > 0;
    },
    30_000,
    50,
  ).catch(async (error) => {
    await stop();
    throw error;
  });
  if (!listening) {
    await stop();
    throw new Error(
      `The receiver did not listen on port ${port} within 30 s. Worker 1's log:\n${logTail(logFiles[0] as string)}`,
    );
  }
  return {
    port,
    children,
    logFiles,
    assertAlive,
    failureLines: () =>
      logFiles
        .flatMap((file) => {
          try {
            return readFileSync(file, "utf8").split("\n");
          } catch {
            return [];
          }
        })
        .filter((line) => /job failed|"level":(50|60)|not stored/.test(line)),
    stop,
  };
}

// ---------------------------------------------------------------------------------------------
// CPU by group of processes

/** utime + stime of one process in clock ticks (USER_HZ 100); null when it is gone. */
function ticks(pid: number): number | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

export type CpuGroups = Record<string, number[]>;
export type CpuMark = { at: number; ticks: Map<number, number>; benchMicros: number };

/** The CPU time so far of every process named in `groups` (and of the bench itself). */
export function cpuMark(groups: CpuGroups): CpuMark {
  const map = new Map<number, number>();
  for (const pids of Object.values(groups)) {
    for (const pid of pids) {
      const t = ticks(pid);
      if (t !== null) map.set(pid, t);
    }
  }
  const usage = process.cpuUsage();
  return { at: performance.now(), ticks: map, benchMicros: usage.user + usage.system };
}

/**
 * Cores each group used since `start` (1 = one core busy the whole time), `bench` included. A
 * process not in `start` (a PostgreSQL backend opened since) counts with its whole life.
 */
export function cpuSince(start: CpuMark, groups: CpuGroups): Record<string, number> {
  const seconds = (performance.now() - start.at) / 1000;
  const out: Record<string, number> = {};
  const round = (v: number) => Math.round(v * 1000) / 1000;
  for (const [name, pids] of Object.entries(groups)) {
    let total = 0;
    for (const pid of pids) {
      const now = ticks(pid);
      if (now !== null) total += now - (start.ticks.get(pid) ?? 0);
    }
    out[name] = round(total / 100 / seconds);
  }
  const usage = process.cpuUsage();
  out.bench = round((usage.user + usage.system - start.benchMicros) / 1e6 / seconds);
  return out;
}

export type Switches = { voluntary: number; involuntary: number };

/** Context switches of the processes so far (/proc/<pid>/status): waits, and preemptions. */
export function contextSwitches(pids: number[]): Switches {
  const out = { voluntary: 0, involuntary: 0 };
  for (const pid of pids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      out.voluntary += Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      out.involuntary += Number(/^nonvoluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    } catch {}
  }
  return out;
}

/** (end − start) ÷ per, one decimal. */
export function switchesPer(start: Switches, end: Switches, per: number): Switches {
  const round = (v: number) => Math.round((v / per) * 10) / 10;
  return {
    voluntary: round(end.voluntary - start.voluntary),
    involuntary: round(end.involuntary - start.involuntary),
  };
}
