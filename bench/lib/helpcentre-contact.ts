// bench:helpcentre's contact-form part: visitors post the real form (`POST /hc/<slug>/contact`)
// over HTTP to the real server, each with the form token and cookie its GET of the form gave; a
// submission counts once its ticket is committed (checked in PostgreSQL after the run).
import { join } from "node:path";
import { createRedis, platformCache } from "@supportdesk/cache";
import { createDatabase, sql } from "@supportdesk/database";
import type { Env } from "./api-run";
import { fields, openForm, post, type Visit } from "./helpcentre-contact-form";
import type { HcData, HcTenant } from "./helpcentre-data";
import { type CpuUse, cpuBetween, cpuSnapshot } from "./procfs";
import { ms, num } from "./report";
import { log } from "./run";
import { startServer } from "./server";
import { type LatencySummary, Samples, summarize } from "./stats";

/** Unmeasured submissions per visitor before the clock starts (JIT, pools, plans). */
const WARMUP_PER_CLIENT = 2;
/** The inquiry types each contact tenant gets when it has none (the form then requires one). */
const INQUIRY_TYPES = [
  { name: "Billing", description: "Invoices, plans, refunds", priority: "high", tags: ["billing"] },
  {
    name: "Technical problem",
    description: "Something does not work",
    priority: "normal",
    tags: ["bug"],
  },
  { name: "Something else", description: "", priority: "low", tags: [] },
];

export type ContactResult = {
  tenants: number;
  clients: number;
  /** Forms fetched before measuring: one per visitor and tenant it posts to. */
  formsFetched: number;
  inquiryTypesPerTenant: number;
  warmup: { submissions: number; seconds: number };
  /** From the first measured post to the last answer. */
  seconds: number;
  posted: number;
  /** Answered 303 to …/contact/sent. */
  accepted: number;
  /** Tickets with channel 'helpcentre' created in the measured window, counted in PostgreSQL. */
  committed: number;
  /** min(accepted, committed) ÷ seconds. */
  submissionsPerSecond: number;
  /** Of the accepted posts. */
  latencyMs: LatencySummary;
  /** Posts that did not answer 303 to …/contact/sent, or failed on the network. */
  errors: number;
  statusCounts: Record<string, number>;
  firstErrors: string[];
  cpu: { server: CpuUse | null };
};

/** Gives each contact tenant the inquiry types above unless it has some already. */
async function ensureInquiryTypes(data: HcData, tenants: HcTenant[]): Promise<void> {
  const db = createDatabase({ url: data.urls.admin, max: 1 });
  try {
    await db.sql.begin(async (tx) => {
      for (const t of tenants) {
        const types = INQUIRY_TYPES.map((type) => ({
          ...type,
          id: crypto.randomUUID(),
          assigneeId: null,
        }));
        await tx`select set_config('app.tenant_id', ${t.id}, true)`;
        await tx`update tenants
          set settings = settings || jsonb_build_object('helpCentre',
            coalesce(settings -> 'helpCentre', '{}'::jsonb) || jsonb_build_object('inquiryTypes', ${JSON.stringify(types)}::jsonb))
          where id = ${t.id}
            and coalesce(jsonb_array_length(settings -> 'helpCentre' -> 'inquiryTypes'), 0) = 0`;
      }
    });
  } finally {
    await db.close().catch(() => {});
  }
}

/** Drops the cached slug → tenant lookups (see helpcentre-pages.ts: a reload makes new ids). */
async function forgetSlugs(redisUrl: string, tenants: HcTenant[]): Promise<void> {
  const redis = createRedis(redisUrl, { name: "bench-helpcentre-contact" });
  try {
    const keys = tenants.map((t) => `tenant:slug:${t.slug}`);
    for (let i = 0; i < keys.length; i += 500) {
      await platformCache(redis).del(...keys.slice(i, i + 500));
    }
  } finally {
    redis.disconnect();
  }
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Helpcentre tickets of `tenants` created at or after `since`, counted as the app role. */
async function committedSince(data: HcData, tenants: HcTenant[], since: string): Promise<number> {
  const db = createDatabase({ url: data.urls.app, max: 1 });
  let total = 0;
  try {
    for (const t of tenants) {
      const [row] = await db.withTenant(t.id, (tx) =>
        tx.execute<{ n: number }>(
          sql`select count(*)::int as n from tickets where channel = 'helpcentre' and created_at >= ${since}::timestamptz`,
        ),
      );
      total += row?.n ?? 0;
    }
  } finally {
    await db.close().catch(() => {});
  }
  return total;
}

async function databaseNow(data: HcData): Promise<string> {
  const db = createDatabase({ url: data.urls.admin, max: 1 });
  try {
    const [row] = await db.sql<{ now: string }[]>`select clock_timestamp()::text as now`;
    return row?.now as string;
  } finally {
    await db.close().catch(() => {});
  }
}

export async function measureContact(
  env: Env,
  data: HcData,
  options: { tenants: number; duration: number; clients: number; processes: number },
  workDir: string,
): Promise<ContactResult> {
  const tenants = data.tenants.slice(0, options.tenants);
  const clients = options.clients;
  await ensureInquiryTypes(data, tenants);
  await forgetSlugs(env.redisUrl, tenants);
  const server = await startServer({
    databaseUrl: data.urls.app,
    adminUrl: data.urls.admin,
    redisUrl: env.redisUrl,
    authKeys: env.authKeys,
    pool: undefined,
    processes: options.processes,
    logFile: join(workDir, "server-contact.log"),
  });
  try {
    // Visitor c posts to tenants c, c + C, c + 2C, … (mod T): every tenant gets its share, and
    // each visitor holds one form (token and cookie) per tenant it visits, fetched up front.
    const perClient = tenants.length / gcd(tenants.length, clients);
    const visits = await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        const mine: Visit[] = [];
        for (let k = 0; k < perClient; k++) {
          mine.push(
            await openForm(server.url, tenants[(c + k * clients) % tenants.length] as HcTenant),
          );
        }
        return mine;
      }),
    );
    const typeCount = visits[0]?.[0]?.typeIds.length ?? 0;
    const runId = Date.now().toString(36);
    const warmStarted = performance.now();
    await Promise.all(
      visits.map(async (mine, c) => {
        for (let n = 0; n < WARMUP_PER_CLIENT; n++) {
          const visit = mine[n % mine.length] as Visit;
          const outcome = await post(server.url, visit, fields(visit, `${runId}w`, c, n));
          if (!outcome.ok) throw new Error(`A warm-up contact post failed: ${outcome.detail}`);
        }
      }),
    );
    const warmSeconds = (performance.now() - warmStarted) / 1000;
    log(
      `  ${clients * perClient} forms fetched, ${clients * WARMUP_PER_CLIENT} warm-up submissions; ` +
        `${options.duration} s of posts from ${clients} visitors over ${tenants.length} tenants ` +
        `(${typeCount} inquiry types each)`,
    );

    const since = await databaseNow(data);
    const samples = new Samples();
    const statusCounts: Record<string, number> = {};
    const firstErrors: string[] = [];
    let posted = 0;
    const cpuBefore = cpuSnapshot(server.child.pid);
    const t0 = performance.now();
    const deadline = t0 + options.duration * 1000;
    await Promise.all(
      visits.map(async (mine, c) => {
        for (let n = 0; performance.now() < deadline; n++) {
          const visit = mine[n % mine.length] as Visit;
          const outcome = await post(server.url, visit, fields(visit, runId, c, n));
          posted++;
          const status = outcome.ok ? "303" : outcome.status;
          statusCounts[status] = (statusCounts[status] ?? 0) + 1;
          if (outcome.ok) samples.push(outcome.ms);
          else if (firstErrors.length < 5) firstErrors.push(outcome.detail);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = cpuBetween(cpuBefore, cpuSnapshot(server.child.pid));
    const accepted = samples.length;
    const committed = await committedSince(data, tenants, since);
    const result: ContactResult = {
      tenants: tenants.length,
      clients,
      formsFetched: clients * perClient,
      inquiryTypesPerTenant: typeCount,
      warmup: { submissions: clients * WARMUP_PER_CLIENT, seconds: warmSeconds },
      seconds,
      posted,
      accepted,
      committed,
      submissionsPerSecond: Math.min(accepted, committed) / seconds,
      latencyMs: summarize(samples.values()),
      errors: posted - accepted,
      statusCounts,
      firstErrors,
      cpu: { server: cpu },
    };
    const l = result.latencyMs;
    log(
      `  contact: ${num(result.submissionsPerSecond)} submissions/s, p50 ${ms(l.p50)}, p95 ${ms(l.p95)}, ` +
        `p99 ${ms(l.p99)}; ${accepted} accepted, ${committed} tickets committed, ${result.errors} errors` +
        (cpu ? `, server CPU ${num(cpu.cores, 2)} cores` : ""),
    );
    for (const e of firstErrors) log(`    failed post: ${e.replace(/\s+/g, " ").slice(0, 300)}`);
    return result;
  } finally {
    await server.stop();
  }
}
