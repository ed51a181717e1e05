// Command-line flags of `bun bench/email.ts`: parsed, validated, and explained when wrong.
import { parseInteger, parseIntegerList, UsageError, unknownFlag, walkFlags } from "./args";

export const EMAIL_PARTS = ["throughput", "split", "hol"] as const;
export type EmailPart = (typeof EMAIL_PARTS)[number];

export type EmailBenchOptions = {
  /** Small messages per throughput run (and per split run). */
  messages: number;
  /** Tenants the small messages are spread over. */
  tenants: number;
  /** Customers per tenant, each with one open ticket a reply can continue. */
  customers: number;
  /** Percent of the small messages that reply to an existing ticket (the rest open one). */
  replyPercent: number;
  /** Approximate size of a small message on the wire (KB). */
  smallKb: number;
  /** Concurrent SMTP connections (one pooled nodemailer transport) sending the small messages. */
  senders: number;
  /** Worker process counts tried in the throughput part (one of them runs the receiver). */
  workers: number[];
  /** WORKER_INBOUND_CONCURRENCY values tried, each with every worker count. */
  inboundConcurrency: number[];
  /** Big messages sent during the head-of-line part. */
  big: number;
  /** Size of each big message on the wire (MB): a text part and one attachment of random bytes. */
  bigMb: number;
  /** SMTP connections the big messages are sent over. */
  bigSenders: number;
  /** Small messages per second during the head-of-line part (an open-loop schedule). */
  rate: number;
  /** Seconds of small messages without big ones (the baseline of the head-of-line part). */
  baselineSeconds: number;
  /** Worker processes in the split and head-of-line parts; undefined: the best throughput run's. */
  partWorkers: number | undefined;
  /** Tenants acknowledge each new ticket by email (their default); false turns it off. */
  acknowledge: boolean;
  /** The quick preset was asked for. */
  quick: boolean;
  parts: EmailPart[];
};

export const emailUsage = `Usage: bun bench/email.ts [options]   (or: bun run bench:email -- [options])

Measures inbound email with the real worker process (its SMTP receiver and its 'inbound' queue
handler) and real SMTP clients (nodemailer, pooled connections):
  1. throughput: small messages/s from the first send until every one is filed (its ticket or
     reply committed), per worker count (target >= 300/s);
  2. split: the same messages with filing paused (the receiver alone), then filing alone;
  3. hol: small messages at a steady rate, accept -> committed p50/p95/p99, with and without
     big messages (random-byte attachments) being sent and filed alongside.
Uses its own database (supportdesk_bench_email), its own redis-server and a temporary storage
directory; acknowledgements the tenants send go to an SMTP sink.

Options:
  --quick                 a short run: 600 messages, 4 tenants × 20 customers, 2 big
                          messages, an 8 s baseline
  --messages N            small messages per throughput / split run     (default 3000)
  --tenants N             tenants the messages are spread over          (default 10)
  --customers N           customers (each with an open ticket) per tenant (default 40)
  --reply-percent P       percent of small messages that are replies    (default 30)
  --small-kb N            approximate size of a small message, KB      (default 3)
  --senders N             concurrent SMTP connections for small mail    (default 8)
  --workers L             worker process counts to try, comma-separated (default 1,2)
  --inbound-concurrency L WORKER_INBOUND_CONCURRENCY values to try      (default 8)
  --part-workers N        worker processes for split and hol (default: the best throughput run's)
  --big N                 big messages in the head-of-line part         (default 6)
  --big-mb N              size of a big message on the wire, MB         (default 20)
  --big-senders N         SMTP connections for the big messages         (default 2)
  --rate N                small messages/s in the head-of-line part     (default 10)
  --baseline-seconds S    seconds of the no-big-message baseline        (default 20)
  --no-acknowledge        tenants send no acknowledgement emails
  --only PARTS            run only these parts: throughput,split,hol    (default: all)
  -h, --help              show this help

Environment:
  BENCH_SUPERUSER_URL     a superuser URL used only to create the bench database
  BENCH_REDIS_URL         use this Redis instead of starting a private redis-server
  BENCH_PROFILE_DIR       the workers write CPU profiles there when they stop
  BENCH_DEBUG             print stack traces on failure`;

type IntKey =
  | "messages"
  | "tenants"
  | "customers"
  | "replyPercent"
  | "smallKb"
  | "senders"
  | "big"
  | "bigMb"
  | "bigSenders"
  | "rate"
  | "baselineSeconds"
  | "partWorkers";

const intFlags: Record<string, { key: IntKey; min: number; max: number }> = {
  "--messages": { key: "messages", min: 10, max: 1_000_000 },
  "--tenants": { key: "tenants", min: 1, max: 1000 },
  "--customers": { key: "customers", min: 1, max: 10_000 },
  "--reply-percent": { key: "replyPercent", min: 0, max: 100 },
  "--small-kb": { key: "smallKb", min: 1, max: 512 },
  "--senders": { key: "senders", min: 1, max: 150 },
  "--big": { key: "big", min: 1, max: 200 },
  "--big-mb": { key: "bigMb", min: 1, max: 150 },
  "--big-senders": { key: "bigSenders", min: 1, max: 20 },
  "--rate": { key: "rate", min: 1, max: 2000 },
  "--baseline-seconds": { key: "baselineSeconds", min: 1, max: 3600 },
  "--part-workers": { key: "partWorkers", min: 1, max: 8 },
};

export const emailDefaults: EmailBenchOptions = {
  messages: 3000,
  tenants: 10,
  customers: 40,
  replyPercent: 30,
  smallKb: 3,
  senders: 8,
  workers: [1, 2],
  inboundConcurrency: [8],
  big: 6,
  bigMb: 20,
  bigSenders: 2,
  rate: 10,
  baselineSeconds: 20,
  partWorkers: undefined,
  acknowledge: true,
  quick: false,
  parts: [...EMAIL_PARTS],
};

/** What --quick changes; flags given explicitly win over it, wherever they stand. */
const quickPreset: Partial<EmailBenchOptions> = {
  messages: 600,
  tenants: 4,
  customers: 20,
  big: 2,
  baselineSeconds: 8,
};

function parseList(flag: string, raw: string | undefined): string[] {
  if (raw === undefined || raw.startsWith("--") || raw.trim() === "") {
    throw new UsageError(`${flag} needs a value: a comma-separated list.`);
  }
  return raw.split(",").map((item) => item.trim());
}

/** Parses argv (without the runtime and script); "help" when help was asked for. */
export function parseEmailArgs(argv: string[]): EmailBenchOptions | "help" {
  const given: Partial<EmailBenchOptions> = {};
  const help = walkFlags(argv, ({ flag, arg, bare, value }) => {
    const spec = intFlags[flag];
    if (spec) given[spec.key] = parseInteger(flag, value(), spec.min, spec.max);
    else if (flag === "--workers") given.workers = parseIntegerList(flag, value(), 1, 8);
    else if (flag === "--inbound-concurrency") {
      given.inboundConcurrency = parseIntegerList(flag, value(), 1, 200);
    } else if (flag === "--quick" && bare) given.quick = true;
    else if (flag === "--no-acknowledge" && bare) given.acknowledge = false;
    else if (flag === "--only") {
      const parts = parseList(flag, value());
      for (const part of parts) {
        if (!(EMAIL_PARTS as readonly string[]).includes(part)) {
          throw new UsageError(
            `--only takes parts from ${EMAIL_PARTS.join(", ")} (comma-separated); got "${part}".`,
          );
        }
      }
      given.parts = EMAIL_PARTS.filter((part) => parts.includes(part));
    } else throw unknownFlag(arg);
  });
  if (help) return help;
  const options: EmailBenchOptions = {
    ...emailDefaults,
    ...(given.quick ? quickPreset : {}),
    ...given,
  };
  if (options.workers.length * options.inboundConcurrency.length > 8) {
    throw new UsageError("--workers × --inbound-concurrency may make at most 8 runs.");
  }
  if (options.big * options.bigMb > 2000) {
    throw new UsageError(
      `--big × --big-mb is ${options.big * options.bigMb} MB; keep it at most 2,000 MB (memory).`,
    );
  }
  return options;
}
