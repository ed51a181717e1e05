// bench:helpcentre's page part: cached article pages through the real server, next to the same
// server's static stylesheet (same process, same middleware: only the page's own work differs).
import { join } from "node:path";
import { createRedis, platformCache } from "@supportdesk/cache";
import { createDatabase, sql } from "@supportdesk/database";
import type { Env } from "./api-run";
import type { HcData } from "./helpcentre-data";
import { runLoad } from "./load";
import type { LoadResult } from "./loadgen";
import { ms, num } from "./report";
import { log } from "./run";
import { startServer } from "./server";

/** A browser's User-Agent: the help centre counts a view per read for these (not for bots). */
const BROWSER_UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

export type PageRun = { path: string; bytes: number; load: LoadResult };
export type PagesResult = {
  pages: number;
  tenants: number;
  articlePage: Omit<PageRun, "path"> & { minBytes: number; maxBytes: number; example: string };
  /** The same pages with a bot User-Agent: the cost of counting the view is the difference. */
  articlePageUncounted: LoadResult;
  staticBaseline: PageRun;
  ratio: number;
};

/** `count` article paths spread evenly over the main tenants (a fixed, repeatable choice). */
async function pickPaths(data: HcData, tenants: number, count: number): Promise<string[]> {
  const main = data.tenants.slice(0, tenants);
  const perTenant = Math.ceil(count / main.length);
  const db = createDatabase({ url: data.urls.app, max: 1 });
  const paths: string[] = [];
  try {
    for (const t of main) {
      if (paths.length >= count) break;
      const rows = await db.withTenant(t.id, (tx) =>
        tx.execute<{ slug: string }>(
          sql`select slug from kb_articles where status = 'published' order by md5(slug) limit ${Math.min(perTenant, count - paths.length)}`,
        ),
      );
      for (const r of rows) paths.push(`/hc/${t.slug}/articles/${r.slug}`);
    }
  } finally {
    await db.close().catch(() => {});
  }
  return paths;
}

/**
 * Drops the server's cached slug → tenant lookups for the bench tenants: a reload gives the same
 * slugs new ids, and the bench's Redis database outlives the data (a stale entry reads as a 404).
 */
async function forgetSlugs(redisUrl: string, data: HcData): Promise<void> {
  const redis = createRedis(redisUrl, { name: "bench-helpcentre" });
  try {
    const keys = data.tenants.map((t) => `tenant:slug:${t.slug}`);
    for (let i = 0; i < keys.length; i += 500) {
      await platformCache(redis).del(...keys.slice(i, i + 500));
    }
  } finally {
    redis.disconnect();
  }
}

/** Fetches every path once (eight in flight), so the load finds them cached; returns sizes. */
async function warmCache(url: string, paths: string[]): Promise<{ sizes: number[]; html: string }> {
  const sizes: number[] = [];
  let html = "";
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++] as string;
      const res = await fetch(`${url}${path}`, { headers: { "user-agent": BROWSER_UA } });
      const body = await res.text();
      if (res.status !== 200 || !res.headers.get("content-type")?.startsWith("text/html")) {
        throw new Error(`GET ${path} answered ${res.status}: ${body.slice(0, 200)}`);
      }
      sizes.push(Buffer.byteLength(body));
      html ||= body;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { sizes, html };
}

const describeRun = (label: string, r: LoadResult) =>
  `  ${label}: ${num(r.reqPerSec)} req/s, p50 ${ms(r.latencyMs.p50)}, p95 ${ms(r.latencyMs.p95)}, ` +
  `p99 ${ms(r.latencyMs.p99)}${r.cpu.server ? `, server CPU ${num(r.cpu.server.cores, 2)} cores` : ""}` +
  (r.non2xx || r.errors ? ` (${r.non2xx} non-2xx, ${r.errors} errors)` : "");

export async function measurePages(
  env: Env,
  data: HcData,
  options: {
    tenants: number;
    pages: number;
    duration: number;
    connections: number;
    processes: number;
  },
  workDir: string,
): Promise<PagesResult> {
  const paths = await pickPaths(data, options.tenants, options.pages);
  await forgetSlugs(env.redisUrl, data);
  const server = await startServer({
    databaseUrl: data.urls.app,
    adminUrl: data.urls.admin,
    redisUrl: env.redisUrl,
    authKeys: env.authKeys,
    pool: undefined,
    processes: options.processes,
    logFile: join(workDir, "server-helpcentre.log"),
  });
  try {
    const warmStarted = performance.now();
    const { sizes, html } = await warmCache(server.url, paths);
    log(
      `  warmed ${paths.length} article pages in ${((performance.now() - warmStarted) / 1000).toFixed(1)} s`,
    );
    const stylesheet = /\/hc-assets\/helpcentre\.[0-9a-f]+\.css/.exec(html)?.[0];
    if (!stylesheet) throw new Error("The article page names no /hc-assets/ stylesheet.");
    const css = await fetch(`${server.url}${stylesheet}`);
    const cssBytes = Buffer.byteLength(await css.text());
    if (!css.ok) throw new Error(`GET ${stylesheet} answered ${css.status}`);
    const common = {
      url: server.url,
      token: "",
      tenantIds: [],
      connections: options.connections,
      duration: options.duration,
      warmupRequests: Math.max(paths.length, options.connections * 50, 5000),
      serverPid: server.child.pid,
      userAgent: BROWSER_UA,
    };
    log(
      `  static ${stylesheet} (${cssBytes} B): ${options.duration} s at ${options.connections} connections`,
    );
    const staticLoad = await runLoad({ ...common, path: stylesheet }, workDir, "static");
    log(describeRun("static", staticLoad));
    log(
      `  article pages (${paths.length} over ${Math.min(options.tenants, paths.length)} tenants): ${options.duration} s`,
    );
    const pageLoad = await runLoad(
      { ...common, path: paths[0] as string, paths },
      workDir,
      "article",
    );
    log(describeRun("article", pageLoad));
    // The same pages as a crawler reads them: no view counted, so no write per request.
    log("  article pages with a bot User-Agent (views not counted)");
    const botLoad = await runLoad(
      { ...common, path: paths[0] as string, paths, userAgent: "bench-bot/1.0" },
      workDir,
      "article-bot",
    );
    log(describeRun("article (bot)", botLoad));
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    return {
      pages: paths.length,
      tenants: Math.min(options.tenants, paths.length),
      articlePage: {
        bytes: Math.round(mean),
        minBytes: Math.min(...sizes),
        maxBytes: Math.max(...sizes),
        example: paths[0] as string,
        load: pageLoad,
      },
      articlePageUncounted: botLoad,
      staticBaseline: { path: stylesheet, bytes: cssBytes, load: staticLoad },
      ratio: pageLoad.reqPerSec / staticLoad.reqPerSec,
    };
  } finally {
    await server.stop();
  }
}
