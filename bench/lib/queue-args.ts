// Command-line flags of `bun bench/queue.ts`: parsed, validated, and explained when wrong.

import { parseInteger, UsageError, unknownFlag, walkFlags } from "./args";

export const PARTS = ["emails", "fairness", "fanout", "automations"] as const;
export type Part = (typeof PARTS)[number];

export type QueueBenchOptions = {
  /** email.verify jobs relayed and sent per email run. */
  emails: number;
  /** WORKER_EMAIL_CONCURRENCY values tried, one run each. */
  emailConcurrency: number[];
  /** Worker processes sharing the email runs (each runs a relay and the handlers). */
  emailWorkers: number;
  /** ticket.event jobs of the noisy tenant X queued before the worker starts. */
  backlog: number;
  /** Single jobs of the quiet tenant Y, each in its own transaction. */
  quietJobs: number;
  /** Milliseconds between two of Y's jobs. */
  quietIntervalMs: number;
  /** WebSockets open on the server, one user each, all members of one tenant. */
  sockets: number;
  /** Measured ticket.created events published to them. */
  events: number;
  /** Milliseconds between two published events. */
  eventIntervalMs: number;
  /** Automations: tenants, rules per tenant, backlog events (throughput). */
  ruleTenants: number;
  rules: number;
  ruleEvents: number;
  /** Events recorded one at a time at `ruleRate` per second (latency). */
  ruleLatencyEvents: number;
  ruleRate: number;
  /** The noisy tenant's backlog, and the quiet tenants' paced events during it. */
  noisyRuleEvents: number;
  quietRuleEvents: number;
  /** WORKER_AUTOMATION_CONCURRENCY of the bench worker. */
  automationConcurrency: number;
  /** Which parts to run (all by default). */
  parts: Part[];
};

export const queueUsage = `Usage: bun bench/queue.ts [options]   (or: bun run bench:queue -- [options])

Measures the job pipeline and realtime delivery with the real worker and server processes:
  1. emails/s from the outbox to an SMTP receiver (target >= 1,000/s),
  2. a quiet tenant's job latency while another tenant's backlog drains (target p99 < 1 s),
  3. WebSocket fan-out latency of one event to every socket (target p99 < 50 ms),
  4. automation rules (100 tenants x 100 rules): rule evaluations/s over a 10,000-event
     backlog, event-to-action latency at a steady rate (target p99 < 1 s), and the quiet
     tenants' latency while a noisy tenant's 100,000 events drain (target p99 < 1 s).
Uses its own database (supportdesk_bench_queue) and its own redis-server.

Options:
  --emails N              email.verify jobs per email run                 (default 20000)
  --email-concurrency L   WORKER_EMAIL_CONCURRENCY values to try, comma-separated
                                                                          (default 20,50,100)
  --email-workers N       worker processes in each email run              (default 1)
  --backlog N             tenant X's ticket.event backlog                 (default 100000)
  --quiet-jobs N          tenant Y's single jobs                          (default 200)
  --quiet-interval MS     milliseconds between two of Y's jobs            (default 50)
  --sockets N             WebSockets (users of one tenant)                (default 1000)
  --events N              measured ticket.created events                  (default 200)
  --event-interval MS     milliseconds between two events                 (default 100)
  --rule-tenants N        automations: tenants                            (default 100)
  --rules N               automations: rules per tenant                   (default 100)
  --rule-events N         automations: backlog events, all tenants        (default 10000)
  --rule-latency-events N automations: events recorded one at a time      (default 1000)
  --rule-rate N           automations: those events per second            (default 20)
  --noisy-rule-events N   automations: the noisy tenant's backlog         (default 100000)
  --quiet-rule-events N   automations: quiet events during it (50 ms apart) (default 200)
  --automation-concurrency N  WORKER_AUTOMATION_CONCURRENCY               (default 10)
  --only PARTS            run only these parts: emails,fairness,fanout,automations (default: all)
  -h, --help              show this help

Environment:
  BENCH_SUPERUSER_URL     a superuser URL used only to create the bench database
                          (default postgres://postgres@<host>:<port>/postgres)
  BENCH_REDIS_URL         use this Redis instead of starting a private redis-server (its
                          pub/sub channel sd:events is then shared with whatever else uses it)
  BENCH_DEBUG             print stack traces on failure`;

type IntKey = Exclude<keyof QueueBenchOptions, "emailConcurrency" | "parts">;

const intFlags: Record<string, { key: IntKey; min: number; max: number }> = {
  "--emails": { key: "emails", min: 1, max: 1_000_000 },
  "--email-workers": { key: "emailWorkers", min: 1, max: 8 },
  "--backlog": { key: "backlog", min: 1, max: 2_000_000 },
  "--quiet-jobs": { key: "quietJobs", min: 1, max: 100_000 },
  "--quiet-interval": { key: "quietIntervalMs", min: 1, max: 60_000 },
  "--sockets": { key: "sockets", min: 1, max: 20_000 },
  "--events": { key: "events", min: 1, max: 100_000 },
  "--event-interval": { key: "eventIntervalMs", min: 1, max: 60_000 },
  "--rule-tenants": { key: "ruleTenants", min: 1, max: 10_000 },
  "--rules": { key: "rules", min: 1, max: 1000 },
  "--rule-events": { key: "ruleEvents", min: 1, max: 1_000_000 },
  "--rule-latency-events": { key: "ruleLatencyEvents", min: 1, max: 100_000 },
  "--rule-rate": { key: "ruleRate", min: 1, max: 10_000 },
  "--noisy-rule-events": { key: "noisyRuleEvents", min: 1, max: 2_000_000 },
  "--quiet-rule-events": { key: "quietRuleEvents", min: 1, max: 100_000 },
  "--automation-concurrency": { key: "automationConcurrency", min: 1, max: 200 },
};

export const queueDefaults: QueueBenchOptions = {
  emails: 20_000,
  emailConcurrency: [20, 50, 100],
  emailWorkers: 1,
  backlog: 100_000,
  quietJobs: 200,
  quietIntervalMs: 50,
  sockets: 1000,
  events: 200,
  eventIntervalMs: 100,
  ruleTenants: 100,
  rules: 100,
  ruleEvents: 10_000,
  ruleLatencyEvents: 1000,
  ruleRate: 20,
  noisyRuleEvents: 100_000,
  quietRuleEvents: 200,
  automationConcurrency: 10,
  parts: [...PARTS],
};

function parseList(flag: string, raw: string | undefined): string[] {
  if (raw === undefined || raw.startsWith("--") || raw.trim() === "") {
    throw new UsageError(`${flag} needs a value: a comma-separated list.`);
  }
  return raw.split(",").map((item) => item.trim());
}

/** Parses argv (without the runtime and script); "help" when help was asked for. */
export function parseQueueArgs(argv: string[]): QueueBenchOptions | "help" {
  const options: QueueBenchOptions = { ...queueDefaults, parts: [...queueDefaults.parts] };
  const help = walkFlags(argv, ({ flag, arg, value: takeValue }) => {
    const spec = intFlags[flag];
    if (spec) {
      options[spec.key] = parseInteger(flag, takeValue(), spec.min, spec.max);
    } else if (flag === "--email-concurrency") {
      const values = parseList(flag, takeValue()).map((item) =>
        parseInteger(`${flag} (each value)`, item, 1, 200),
      );
      if (values.length > 5) {
        throw new UsageError(`${flag} takes at most 5 values; got ${values.length}.`);
      }
      options.emailConcurrency = [...new Set(values)];
    } else if (flag === "--only") {
      const parts = parseList(flag, takeValue());
      for (const part of parts) {
        if (!(PARTS as readonly string[]).includes(part)) {
          throw new UsageError(
            `--only takes parts from ${PARTS.join(", ")} (comma-separated); got "${part}".`,
          );
        }
      }
      options.parts = PARTS.filter((part) => parts.includes(part));
    } else {
      throw unknownFlag(arg);
    }
  });
  return help ?? options;
}
