// `bun run bench:web`: the web app's production bundle (raw and gzip) and the inbox of a tenant
// with 1,000 tickets in headless Chromium: time to the first row, DOM rows of the virtualised list,
// time to load every page by scrolling, and frame intervals while scrolling. A command, not a test:
// the issue sets no numeric target, so it reports figures only.
import { mkdirSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { ConfigError, env, loadEnv, repoRoot } from "@supportdesk/config";
import { signInThroughApi } from "../apps/web/e2e/accounts.ts";
import { type BrowserContext, type Stack, startStack, WEB_DIST } from "../apps/web/e2e/harness.ts";
import { benchVariable } from "./lib/args";
import { benchUrls, ensureDatabase, migrate } from "./lib/db-setup";
import { formatTable, ms, num, type Row } from "./lib/report";
import { log, machine, readOptions, runBench, started } from "./lib/run";
import { parseWebArgs, webUsage } from "./lib/web-args";
import {
  type Frames,
  installProbeIn,
  type LoadAll,
  type LoadRun,
  measureFirstRender,
  measureScroll,
  openInbox,
} from "./lib/web-browser";
import { type BundleReport, buildWeb, kib, measureBundle } from "./lib/web-bundle";
import { createTickets, registerTenant } from "./lib/web-data";

const DATABASE = "supportdesk_bench_web";

/**
 * Points the harness's server at the bench database and Redis: it takes DATABASE_URL,
 * DATABASE_ADMIN_URL and REDIS_URL from @supportdesk/config's env(), which reads process.env once.
 */
async function benchServices(): Promise<{ urls: ReturnType<typeof benchUrls>; redisUrl: string }> {
  const config = loadEnv();
  if (!config.DATABASE_ADMIN_URL) {
    throw new ConfigError(
      "DATABASE_ADMIN_URL (the owner role) is not set: run `bun run services:up` or set it.",
    );
  }
  const urls = benchUrls(config.DATABASE_ADMIN_URL, config.DATABASE_URL, DATABASE);
  await ensureDatabase(urls, log);
  await migrate(urls);
  let redisUrl = benchVariable("BENCH_REDIS_URL");
  if (!redisUrl) {
    // bench:api's Redis database: the bench's cache entries never mix with development's.
    const url = new URL(config.REDIS_URL);
    url.pathname = "/2";
    redisUrl = url.toString();
  }
  process.env.DATABASE_URL = urls.app;
  process.env.DATABASE_ADMIN_URL = urls.admin;
  process.env.REDIS_URL = redisUrl;
  const seen = env();
  if (seen.DATABASE_URL !== urls.app || seen.REDIS_URL !== redisUrl) {
    throw new Error("@supportdesk/config read the environment before the bench could set it.");
  }
  return { urls, redisUrl };
}

const median = (values: (number | null)[]) => {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v));
  sorted.sort((a, b) => a - b);
  return sorted.length ? (sorted[Math.floor((sorted.length - 1) / 2)] as number) : Number.NaN;
};

function bundleRows(bundle: BundleReport): Row[] {
  return [
    {
      figure: `JS, all ${bundle.js.files} file(s), gzip`,
      value: `${kib(bundle.js.gzip)} (raw ${kib(bundle.js.raw)})`,
    },
    {
      figure: `  entry JS ${bundle.entry.file}, gzip`,
      value: `${kib(bundle.entry.gzip)} (raw ${kib(bundle.entry.raw)})`,
    },
    {
      figure: `CSS, all ${bundle.css.files} file(s), gzip`,
      value: `${kib(bundle.css.gzip)} (raw ${kib(bundle.css.raw)})`,
    },
    {
      figure: "Initial load (index.html's JS + CSS), gzip",
      value: `${kib(bundle.initial.gzip)} (raw ${kib(bundle.initial.raw)})`,
    },
  ];
}

function renderRows(
  runs: LoadRun[],
  summary: Awaited<ReturnType<typeof measureFirstRender>>,
  tickets: number,
): Row[] {
  const first = runs[0] as LoadRun;
  return [
    {
      figure: `Inbox first row, median of ${runs.length} (in-page)`,
      value: ms(summary.firstRowMs.p50),
    },
    {
      figure: "Inbox first row, p95 / max",
      value: `${ms(summary.firstRowMs.p95)} / ${ms(summary.firstRowMs.max)}`,
    },
    { figure: "Inbox first row, median wall (goto + visible)", value: ms(summary.wallMs.p50) },
    {
      figure: "  medians: HTML in / DOMContentLoaded",
      value: `${ms(median(runs.map((r) => r.htmlResponseEndMs)))} / ${ms(median(runs.map((r) => r.domContentLoadedMs)))}`,
    },
    {
      figure: "  medians: auth.refresh answered / first paint",
      value: `${ms(median(runs.map((r) => r.authRefreshEndMs)))} / ${ms(median(runs.map((r) => r.firstContentfulPaintMs)))}`,
    },
    {
      figure: "  medians: tickets.list sent / answered",
      value: `${ms(median(runs.map((r) => r.ticketsListStartMs)))} / ${ms(median(runs.map((r) => r.ticketsListEndMs)))}`,
    },
    {
      figure: "  long tasks before the first row (median)",
      value: `${median(runs.map((r) => r.longTasks))} (${ms(median(runs.map((r) => r.longTaskMs)))})`,
    },
    {
      figure: "  /assets/* fetched: files, on the wire / decoded",
      value: `${first.assetsFetched}, ${kib(median(runs.map((r) => r.assetsEncodedBytes)))} / ${kib(median(runs.map((r) => r.assetsDecodedBytes)))}`,
    },
    {
      figure: "DOM rows at first render",
      value: `${first.domRows} (${first.domTicketRows} tickets) of ${num(tickets, 0)}`,
    },
    { figure: "Count shown at first render", value: `"${first.countText}"` },
  ];
}

function scrollRows(loadAll: LoadAll, frames: Frames, tickets: number): Row[] {
  return [
    {
      figure: `Load all ${num(tickets, 0)} by scrolling`,
      value: ms(loadAll.ms),
    },
    {
      figure: "  tickets.list requests, p50 / max each",
      value: `${loadAll.listRequests}, ${ms(loadAll.listRequestMs.p50)} / ${ms(loadAll.listRequestMs.max)}`,
    },
    {
      figure: "DOM rows with all loaded (at the bottom)",
      value: `${loadAll.domRows} (${loadAll.domTicketRows} tickets), last #${loadAll.lastRowPosition ?? "?"}`,
    },
    { figure: "Count shown with all loaded", value: `"${loadAll.countText}"` },
    {
      figure: `Frame interval scrolling ${frames.pxPerFrame} px/frame, p50`,
      value: ms(frames.intervalMs.p50),
    },
    {
      figure: "Frame interval p95 / max",
      value: `${ms(frames.intervalMs.p95)} / ${ms(frames.intervalMs.max)}`,
    },
    {
      figure: "Frames over 25 ms (missed a 60 Hz vsync)",
      value: `${frames.slowFrames} of ${frames.frames} (${num(frames.framesPerSecond)} fps)`,
    },
  ];
}

let stack: Stack | undefined;

async function main(): Promise<number> {
  const options = readOptions("bench:web", parseWebArgs, webUsage);
  if (typeof options === "number") return options;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      console.error(`\nbench:web: ${signal}: stopping the server and Chromium`);
      void (stack?.stop() ?? Promise.resolve()).finally(() =>
        process.exit(signal === "SIGINT" ? 130 : 143),
      );
    });
  }

  const root = repoRoot();
  const info = machine();
  log(
    `bench:web on ${info.cores} cores (${info.cpuModel}), ${info.memoryGiB} GiB ` +
      `(load average ${info.loadAverageAtStart.join(" ")}); ${options.tickets} tickets, ` +
      `${options.runs} runs`,
  );

  if (info.loadAverageAtStart[0] !== undefined && info.loadAverageAtStart[0] > info.cores) {
    log(
      `warning: the machine is busy (load average ${info.loadAverageAtStart[0]} on ${info.cores} ` +
        "cores): the browser figures will be slower than on a quiet machine",
    );
  }

  // 1. The bundle.
  let buildSeconds: number | undefined;
  if (options.build) {
    log("building the web app (vite build apps/web)");
    buildSeconds = await buildWeb(root);
    log(`  built in ${buildSeconds.toFixed(1)} s`);
  } else {
    log(`--no-build: measuring ${WEB_DIST} as it is`);
  }
  const bundle = measureBundle(WEB_DIST, buildSeconds);
  for (const asset of bundle.assets) {
    log(
      `  ${asset.file.padEnd(32)} ${asset.kind.padEnd(5)} ${kib(asset.raw).padStart(11)} raw  ` +
        `${kib(asset.gzip).padStart(10)} gzip`,
    );
  }

  // 2. The server on the bench database, a tenant with its tickets, a signed-in browser profile.
  const { urls, redisUrl } = await benchServices();
  log(`database ${DATABASE} ready; starting the server (no worker) and Chromium`);
  stack = await startStack({ worker: false, databaseUrl: urls.app });
  const browserVersion = stack.browser.version();
  const tenant = await registerTenant(stack);
  log(
    `tenant ${tenant.slug}: creating ${options.tickets} tickets (${options.concurrency} in flight)`,
  );
  const load = await createTickets(stack, tenant, options.tickets, options.concurrency, log);
  log(`  created in ${load.seconds.toFixed(1)} s (${num(load.perSecond, 0)}/s)`);

  const context: BrowserContext = await stack.newContext();
  await installProbeIn(context);
  await signInThroughApi(context, tenant.email);

  // 3. First render: 1 warm-up + N runs, each a new page in the same signed-in profile.
  log(`inbox first render: 1 warm-up + ${options.runs} runs`);
  const render = await measureFirstRender(
    context,
    tenant.slug,
    load.newestSubject,
    options.runs,
    log,
  );

  // 4. Scrolling: load every page, then the frame-timing scroll.
  let scroll: { loadAll: LoadAll; frames: Frames } | undefined;
  if (options.scroll) {
    log("scrolling: loading every page, then scrolling the whole list");
    const { page } = await openInbox(context, tenant.slug, load.newestSubject);
    try {
      scroll = await measureScroll(page, options.tickets);
    } finally {
      await page.close();
    }
    log(
      `  all loaded in ${scroll.loadAll.ms.toFixed(0)} ms (${scroll.loadAll.listRequests} requests); ` +
        `frames p50 ${ms(scroll.frames.intervalMs.p50)}, p95 ${ms(scroll.frames.intervalMs.p95)}`,
    );
  }
  await context.close();
  await stack.stop();
  stack = undefined;

  // 5. The table and the JSON.
  const rows: Row[] = [
    ...bundleRows(bundle),
    ...renderRows(render.runs, render, options.tickets),
    ...(scroll ? scrollRows(scroll.loadAll, scroll.frames, options.tickets) : []),
  ];
  const report = {
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date().toISOString(),
    command: ["bun", "bench/web.ts", ...process.argv.slice(2)].join(" "),
    machine: {
      ...info,
      loadAverageAtEnd: loadavg().map((v) => Math.round(v * 100) / 100),
      chromium: browserVersion,
    },
    parameters: {
      ...options,
      viewport: "1280×900 (the harness's newContext)",
      server:
        "bun apps/server/src/main.ts through apps/web/e2e/harness.ts (NODE_ENV=test), no worker",
      database: DATABASE,
      redis: redisUrl.replace(/\/\/[^@/]*@/, "//***@"),
      firstRow:
        "performance.now() in the page (zero = navigation start) when a MutationObserver first " +
        "sees `.ticket-list li[data-index] a.ticket-subject` with a layout box; wall = page.goto " +
        "+ locator.waitFor(visible) timed in the bench process",
      frames:
        "requestAnimationFrame intervals while scrollTop += pxPerFrame each frame, top to bottom, " +
        "with every ticket loaded",
    },
    tenant: { slug: tenant.slug, id: tenant.tenantId, email: tenant.email },
    tickets: load,
    bundle,
    firstRender: render,
    scroll: scroll ?? null,
  };
  const resultsDir = join(root, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, "web.json");
  await Bun.write(file, `${JSON.stringify(report, null, 2)}\n`);

  console.log(`\n${formatTable(rows)}\n`);
  console.log(
    `Sizes: ${bundle.compression}. The issue sets no numeric target: figures only. ` +
      `Results: ${file.replace(`${root}/`, "")}`,
  );
  return 0;
}

runBench("bench:web", main, {
  onFailure: async () => {
    if (!stack) return;
    console.error(`Server output:\n${stack.logs()}`);
    await stack.stop().catch(() => {});
  },
});
