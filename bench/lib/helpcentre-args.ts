// Command-line flags of `bun bench/helpcentre.ts`: parsed, validated, and explained when wrong.
import { parseInteger, UsageError, unknownFlag, walkFlags } from "./args";

export type HelpCentreBenchOptions = {
  /** Tenants in the main data set, each with `articles` published articles. */
  tenants: number;
  articles: number;
  /** Articles of the two search tenants (the target compares their p95). */
  searchSmall: number;
  searchBig: number;
  /** Seconds of measured load for the article page and for the static baseline. */
  duration: number;
  connections: number;
  /** Server processes (SERVER_PROCESSES). */
  processes: number;
  /** Distinct article pages the load cycles over (spread over every tenant). */
  pages: number;
  /** Passes over the query set per search tenant (each pass: every query once). */
  searchRounds: number;
  /** Visitors posting the contact form at once; undefined: as many as `connections`. */
  contactClients: number | undefined;
  skipPages: boolean;
  skipSearch: boolean;
  skipContact: boolean;
};

export const usage = `Usage: bun bench/helpcentre.ts [options]   (or: bun run bench:helpcentre -- [options])

Measures the public help centre: a cached article page through the real HTTP server next to
the same server's static stylesheet, search p95 in a small vs a big tenant, and contact-form
posts to committed tickets. Uses its own database (supportdesk_bench_hc).

Options:
  --tenants N          tenants in the main data set                  (default 100)
  --articles M         published articles per tenant                 (default 10000)
  --search-small N     articles of the small search tenant           (default 1000)
  --search-big N       articles of the big search tenant             (default 100000)
  --duration S         seconds of load for the page and the baseline (default 20)
  --connections C      HTTP connections                              (default 32)
  --processes P        server processes (SERVER_PROCESSES)           (default 1)
  --pages N            distinct article pages the load cycles over   (default 1000)
  --search-rounds R    passes over the query set per search tenant   (default 5)
  --contact-clients N  visitors posting the contact form at once     (default: --connections)
  --no-pages           skip the article-page part
  --no-search          skip the search part
  --no-contact         skip the contact-form part
  -h, --help           show this help

Environment: BENCH_SUPERUSER_URL, BENCH_REDIS_URL, BENCH_DEBUG as for bench:api.`;

type IntKey = Exclude<
  keyof HelpCentreBenchOptions,
  "skipPages" | "skipSearch" | "skipContact" | "contactClients"
>;

const intFlags: Record<string, { key: IntKey; min: number; max: number }> = {
  "--tenants": { key: "tenants", min: 1, max: 100_000 },
  "--articles": { key: "articles", min: 10, max: 1_000_000 },
  "--search-small": { key: "searchSmall", min: 10, max: 1_000_000 },
  "--search-big": { key: "searchBig", min: 10, max: 5_000_000 },
  "--duration": { key: "duration", min: 1, max: 3000 },
  "--connections": { key: "connections", min: 1, max: 1000 },
  "--processes": { key: "processes", min: 1, max: 64 },
  "--pages": { key: "pages", min: 1, max: 1_000_000 },
  "--search-rounds": { key: "searchRounds", min: 1, max: 1000 },
};

const defaults: HelpCentreBenchOptions = {
  tenants: 100,
  articles: 10_000,
  searchSmall: 1000,
  searchBig: 100_000,
  duration: 20,
  connections: 32,
  processes: 1,
  pages: 1000,
  searchRounds: 5,
  contactClients: undefined,
  skipPages: false,
  skipSearch: false,
  skipContact: false,
};

/** Parses argv (without the runtime and script); "help" when help was asked for. */
export function parseArgs(argv: string[]): HelpCentreBenchOptions | "help" {
  const options: HelpCentreBenchOptions = { ...defaults };
  const help = walkFlags(argv, ({ flag, arg, bare, value }) => {
    const spec = intFlags[flag];
    if (spec) options[spec.key] = parseInteger(flag, value(), spec.min, spec.max);
    else if (flag === "--contact-clients") {
      options.contactClients = parseInteger(flag, value(), 1, 1000);
    } else if (flag === "--no-contact" && bare) options.skipContact = true;
    else if (flag === "--no-pages" && bare) options.skipPages = true;
    else if (flag === "--no-search" && bare) options.skipSearch = true;
    else throw unknownFlag(arg);
  });
  if (help) return help;
  if (options.searchSmall >= options.searchBig) {
    throw new UsageError(
      `--search-small (${options.searchSmall}) must be below --search-big (${options.searchBig}).`,
    );
  }
  return options;
}
