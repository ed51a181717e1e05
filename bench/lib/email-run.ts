// What every part of bench:email works with: the context of the run, and a "desk" — freshly
// seeded tenants, a temporary storage directory and the worker processes (one running the SMTP
// receiver) — plus the warm-up every measured phase starts after.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchUrls } from "./db-setup";
import type { EmailBenchOptions } from "./email-args";
import { type BenchTenant, INBOUND_DOMAIN, receivedLeft, seedTenants } from "./email-data";
import { composeSmall, openSender, type Sender } from "./email-mail";
import { type EmailWorkers, startEmailWorkers } from "./email-procs";
import { workerBackendPids } from "./email-stages";
import type { Db } from "./queue-db";
import { waitFor } from "./queue-procs";

export type EmailBenchContext = {
  urls: BenchUrls;
  /** An owner-role connection to the bench database (setup, and reading what was filed). */
  owner: Db;
  redisUrl: string;
  /** Where the workers send acknowledgements (the SMTP sink). */
  sinkUrl: string;
  /** A lowercase id unique to the run (BullMQ prefixes, Message-IDs). */
  runId: string;
  workDir: string;
  options: EmailBenchOptions;
  log: (line: string) => void;
};

export type Desk = {
  label: string;
  tenants: BenchTenant[];
  tenantIds: string[];
  workers: EmailWorkers;
  workerCount: number;
  inboundConcurrency: number;
  /** The workers' QUEUE_PREFIX. */
  prefix: string;
  /** The process groups whose CPU a phase reports (PostgreSQL backends looked up now). */
  cpuGroups(): Promise<DeskGroups>;
  close(): Promise<void>;
};

/** Process ids by group: the receiving worker, the others, their PostgreSQL backends, … */
export type DeskGroups = {
  receiverWorker: number[];
  otherWorkers: number[];
  postgres: number[];
  redis: number[];
  sink: number[];
};

export const epochMs = (): number => performance.timeOrigin + performance.now();

/** Children of this process whose command line contains `needle` (the sink, the redis-server). */
function childPids(needle: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid !== process.pid) continue;
      if (readFileSync(`/proc/${name}/cmdline`, "utf8").includes(needle)) out.push(Number(name));
    } catch {}
  }
  return out;
}

/** Seeds the tenants afresh and starts `workerCount` workers with the receiver on the first. */
export async function openDesk(
  context: EmailBenchContext,
  label: string,
  workerCount: number,
  inboundConcurrency: number,
): Promise<Desk> {
  const { options } = context;
  const tenants = await seedTenants(
    context.owner.sql,
    options.tenants,
    options.customers,
    options.acknowledge,
  );
  const storageDir = mkdtempSync(join(tmpdir(), "sd-bench-email-"));
  const prefix = `bq-${context.runId}-${label}`.slice(0, 40);
  let workers: EmailWorkers;
  try {
    workers = await startEmailWorkers(
      {
        databaseUrl: context.urls.app,
        redisUrl: context.redisUrl,
        smtpUrl: context.sinkUrl,
        prefix,
        inboundConcurrency,
        inboundDomain: INBOUND_DOMAIN,
        maxBytes: Math.max(25, options.bigMb + 5) * 1024 * 1024,
        storageDir,
        logPrefix: join(context.workDir, `worker-${label}`),
      },
      workerCount,
    );
  } catch (error) {
    rmSync(storageDir, { recursive: true, force: true });
    throw error;
  }
  const pids = workers.children.map((c) => c.pid);
  return {
    label,
    tenants,
    tenantIds: tenants.map((t) => t.id),
    workers,
    workerCount,
    inboundConcurrency,
    prefix,
    async cpuGroups() {
      return {
        receiverWorker: pids.slice(0, 1),
        otherWorkers: pids.slice(1),
        postgres: await workerBackendPids(context.owner.sql),
        redis: childPids("redis-server"),
        sink: childPids("queue-smtp-sink"),
      };
    },
    async close() {
      await workers.stop();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

/**
 * Unmeasured messages first (JIT, connection pools, plans), until each is filed: `count` small
 * messages over `connections` connections.
 */
export async function warmUp(
  context: EmailBenchContext,
  desk: Desk,
  count: number,
  connections: number,
): Promise<void> {
  const sender: Sender = openSender(desk.workers.port, connections);
  try {
    const mails = Array.from({ length: count }, (_, i) =>
      composeSmall(i, desk.tenants, {
        customers: context.options.customers,
        replyPercent: context.options.replyPercent,
        kb: context.options.smallKb,
        runTag: `${context.runId}w${desk.label}`,
      }),
    );
    let next = 0;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < mails.length) await sender.send(mails[next++] as (typeof mails)[number]);
      }),
    );
    const done = await waitFor(
      async () => {
        desk.workers.assertAlive();
        return (await receivedLeft(context.owner.sql, desk.tenantIds)) === 0;
      },
      120_000,
      100,
    );
    if (!done) throw new Error(`The ${count} warm-up messages were not filed within 120 s.`);
  } finally {
    sender.close();
  }
}
