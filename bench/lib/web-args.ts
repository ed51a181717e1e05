// Command-line flags of `bun bench/web.ts`: parsed, validated, and explained when wrong.

import { parseInteger, unknownFlag, walkFlags } from "./args";

export type WebBenchOptions = {
  /** Measured inbox loads (after one warm-up load that is not counted). */
  runs: number;
  /** Tickets created in the bench tenant. */
  tickets: number;
  /** tickets.create calls in flight while creating them. */
  concurrency: number;
  /** Build the web app first (`--no-build` measures apps/web/dist as it is). */
  build: boolean;
  /** Scroll the inbox to the end (load every page) and measure frames while scrolling. */
  scroll: boolean;
};

export const webUsage = `Usage: bun bench/web.ts [options]   (or: bun run bench:web -- [options])

Measures the web app:
  1. the production bundle: every file in apps/web/dist/assets, raw and gzip (level 9);
  2. the inbox of a tenant with N tickets in headless Chromium: time from navigation start to
     the first ticket row on screen, DOM rows (the list is virtualised), and, scrolling, the
     time to load every page and the frame intervals while scrolling the whole list.
Builds apps/web first, starts the real server (no worker) on its own database
(supportdesk_bench_web), and creates a fresh user and tenant (bench-web-…) through the API.

Options:
  --runs N          measured inbox loads, after 1 warm-up load       (default 5)
  --tickets N       tickets in the bench tenant                      (default 1000)
  --concurrency N   tickets.create calls in flight                   (default 16)
  --no-build        measure apps/web/dist as it is (no vite build)
  --no-scroll       skip the load-everything scroll and the frame timing
  -h, --help        show this help

Environment:
  BENCH_SUPERUSER_URL   a superuser URL used only to create the bench database
                        (default postgres://postgres@<host>:<port>/postgres)
  BENCH_REDIS_URL       Redis for the server (default: REDIS_URL with database 2)
  BENCH_DEBUG           print stack traces on failure`;

type IntKey = "runs" | "tickets" | "concurrency";

const intFlags: Record<string, { key: IntKey; min: number; max: number }> = {
  "--runs": { key: "runs", min: 1, max: 100 },
  "--tickets": { key: "tickets", min: 1, max: 20_000 },
  "--concurrency": { key: "concurrency", min: 1, max: 64 },
};

export const webDefaults: WebBenchOptions = {
  runs: 5,
  tickets: 1000,
  concurrency: 16,
  build: true,
  scroll: true,
};

/** Parses argv (without the runtime and script); "help" when help was asked for. */
export function parseWebArgs(argv: string[]): WebBenchOptions | "help" {
  const options: WebBenchOptions = { ...webDefaults };
  const help = walkFlags(argv, ({ flag, arg, bare, value }) => {
    const spec = intFlags[flag];
    if (spec) {
      options[spec.key] = parseInteger(flag, value(), spec.min, spec.max);
    } else if (flag === "--no-build" && bare) {
      options.build = false;
    } else if (flag === "--no-scroll" && bare) {
      options.scroll = false;
    } else {
      throw unknownFlag(arg);
    }
  });
  return help ?? options;
}
