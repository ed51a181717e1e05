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
  measureFirstRender,
  measureScroll,
  openInbox,
} from "./lib/web-browser";
import { buildWeb, kib, measureBundle } from "./lib/web-bundle";
import { createTickets, registerTenant } from "./lib/web-data";
import { bundleRows, renderRows, scrollRows } from "./lib/web-rows";

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
