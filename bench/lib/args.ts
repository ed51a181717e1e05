// Command-line flags of `bun bench/api.ts`: parsed, validated, and explained when wrong.

export type BenchOptions = {
  /** Tenants in the main data set. */
  tenants: number;
  /** Tickets per tenant in the main data set (each with three messages). */
  tickets: number;
  /** Seconds of measured load for the API run and for pgbench. */
  duration: number;
  /** Concurrent HTTP connections (API) and clients (pgbench): each is measured; the first is the target's. */
  connections: number[];
  /** Server processes (SERVER_PROCESSES) to measure, each at every connection count. */
  processes: number[];
  /** How many times the whole alternation (pgbench, then each process count) is repeated. */
  rounds: number;
  /** Tickets per tenant in the two growth data sets. */
  growthRows: number;
  /** Seconds of measured load for each growth run. */
  growthDuration: number;
  /** Connections for the growth runs (default: --connections). */
  growthConnections: number | undefined;
  /** Tenant counts of the small and the large growth data set. */
  growthSmall: number;
  growthLarge: number;
  /** Skip the tenant-count growth part. */
  skipGrowth: boolean;
  /** The server's DATABASE_POOL_MAX; undefined keeps the server's own default. */
  pool: number | undefined;
  /** The search part: not run, run after the list measurements, or run alone. */
  search: "off" | "also" | "only";
};

export const usage = `Usage: bun bench/api.ts [options]   (or: bun run bench:api -- [options])

Measures tickets.list through the real HTTP server against pgbench running the same SQL, and
how its p95 grows with the number of tenants. Uses its own databases (supportdesk_bench*).

Options:
  --tenants N           tenants in the main data set              (default 1000)
  --tickets M           tickets per tenant, 3 messages each       (default 1000)
  --duration S          seconds of load for the API and pgbench   (default 30)
  --connections C[,C…]  HTTP connections / pgbench clients; each is measured, the first
                        is the one the ratio target is judged at  (default 64,8)
  --processes P[,P…]    server processes sharing the port (SERVER_PROCESSES), each
                        measured at every connection count        (default 1,2)
  --rounds R            repeat the alternation R times; figures are the median (default 1)
  --growth-rows R       tickets per tenant in the growth data sets (default 100)
  --growth-duration S   seconds of load for each growth run       (default 10)
  --growth-connections C  connections for the growth runs       (default: the first --connections)
  --growth-small N      tenants in the small growth data set      (default 10)
  --growth-large N      tenants in the large growth data set      (default 10000)
  --no-growth           skip the tenant-count growth part
  --pool N              the server's DATABASE_POOL_MAX (default: the server's default)
  --search              also measure search.query (a two-word query) against pgbench, and
                        its p95 in one tenant of 1,000 vs 100,000 tickets
  --search-only         only that (no tickets.list matrix, no tenant-count growth)
  -h, --help            show this help

Environment:
  BENCH_SUPERUSER_URL   a superuser URL used only to create the bench databases
                        (default postgres://postgres@<host>:<port>/postgres)
  BENCH_REDIS_URL       Redis for the bench server (default: REDIS_URL with database 2)`;

/** A bad flag: the message names it and says what it takes. */
export class UsageError extends Error {
  override name = "UsageError";
}

type IntFlag = {
  key: Exclude<
    keyof BenchOptions,
    "skipGrowth" | "pool" | "growthConnections" | "connections" | "processes" | "search"
  >;
  min: number;
  max: number;
};

const intFlags: Record<string, IntFlag> = {
  "--tenants": { key: "tenants", min: 1, max: 1_000_000 },
  "--tickets": { key: "tickets", min: 26, max: 100_000 },
  "--duration": { key: "duration", min: 1, max: 3000 },
  "--rounds": { key: "rounds", min: 1, max: 20 },
  "--growth-rows": { key: "growthRows", min: 26, max: 100_000 },
  "--growth-duration": { key: "growthDuration", min: 1, max: 3000 },
  "--growth-small": { key: "growthSmall", min: 1, max: 1_000_000 },
  "--growth-large": { key: "growthLarge", min: 1, max: 1_000_000 },
};

const defaults: BenchOptions = {
  tenants: 1000,
  tickets: 1000,
  duration: 30,
  connections: [64, 8],
  processes: [1, 2],
  rounds: 1,
  growthRows: 100,
  growthDuration: 10,
  growthConnections: undefined,
  growthSmall: 10,
  growthLarge: 10_000,
  skipGrowth: false,
  pool: undefined,
  search: "off",
};

/** A whole number flag value in [min, max]; a UsageError naming the flag otherwise. */
export function parseInteger(
  flag: string,
  raw: string | undefined,
  min: number,
  max: number,
): number {
  if (raw === undefined || raw.startsWith("--")) {
    throw new UsageError(`${flag} needs a value: a whole number from ${min} to ${max}.`);
  }
  const value = Number(raw.replaceAll("_", ""));
  if (!/^\d[\d_]*$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}; got "${raw}".`);
  }
  return value;
}

/** A comma-separated list of distinct whole numbers in [min, max], in the order given. */
export function parseIntegerList(
  flag: string,
  raw: string | undefined,
  min: number,
  max: number,
): number[] {
  if (raw === undefined || raw.startsWith("--")) {
    throw new UsageError(`${flag} needs a value: whole numbers from ${min} to ${max}, e.g. 64,8.`);
  }
  const values = raw.split(",").map((part) => parseInteger(flag, part.trim(), min, max));
  if (new Set(values).size !== values.length) {
    throw new UsageError(`${flag} names a value twice: "${raw}".`);
  }
  return values;
}

/**
 * One command-line flag as the parsers see it: `flag` without any `=value`, `value()` its value
 * (inline after `=`, else the next argument), `bare` when it came without `=`.
 */
export type Flag = { flag: string; arg: string; bare: boolean; value: () => string | undefined };

/** Walks argv (`--name=value`, `--name value`, `--switch`); "help" as soon as -h/--help appears. */
export function walkFlags(argv: string[], visit: (flag: Flag) => void): "help" | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "-h" || arg === "--help") return "help";
    const eq = arg.indexOf("=");
    const split = arg.startsWith("--") && eq > 0;
    const inline = split ? arg.slice(eq + 1) : undefined;
    visit({
      flag: split ? arg.slice(0, eq) : arg,
      arg,
      bare: !split,
      value: () => (inline !== undefined ? inline : argv[++i]),
    });
  }
  return undefined;
}

/** The error for a flag no parser knows. */
export const unknownFlag = (arg: string) =>
  new UsageError(`Unknown option "${arg}". Run with --help for the list.`);

/** Parses argv (without the runtime and script); "help" when help was asked for. */
export function parseArgs(argv: string[]): BenchOptions | "help" {
  const options: BenchOptions = { ...defaults };
  const help = walkFlags(argv, ({ flag, arg, bare, value }) => {
    const spec = intFlags[flag];
    if (spec) {
      options[spec.key] = parseInteger(flag, value(), spec.min, spec.max);
    } else if (flag === "--connections") {
      options.connections = parseIntegerList(flag, value(), 1, 1000);
    } else if (flag === "--processes") {
      options.processes = parseIntegerList(flag, value(), 1, 64);
    } else if (flag === "--growth-connections") {
      options.growthConnections = parseInteger(flag, value(), 1, 1000);
    } else if (flag === "--pool") {
      options.pool = parseInteger(flag, value(), 1, 500);
    } else if (flag === "--no-growth" && bare) {
      options.skipGrowth = true;
    } else if (flag === "--search" && bare) {
      options.search = "also";
    } else if (flag === "--search-only" && bare) {
      options.search = "only";
    } else {
      throw unknownFlag(arg);
    }
  });
  if (help) return help;
  if (options.search === "only") options.skipGrowth = true;
  if (!options.skipGrowth && options.growthSmall >= options.growthLarge) {
    throw new UsageError(
      `--growth-small (${options.growthSmall}) must be below --growth-large (${options.growthLarge}).`,
    );
  }
  return options;
}

/** The bench's own environment variables (not the app's: those go through @supportdesk/config). */
export type BenchVariable =
  | "BENCH_SUPERUSER_URL"
  | "BENCH_REDIS_URL"
  | "BENCH_PROFILE_DIR"
  | "BENCH_DEBUG";

export function benchVariable(name: BenchVariable): string | undefined {
  const value = process.env[name];
  return value === undefined || value === "" ? undefined : value;
}
