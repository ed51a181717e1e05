// `bun run bench:helpcentre`: the public help centre under load — a cached article page next to
// the same server's static stylesheet, search p95 in a small vs a big tenant, and contact-form
// submissions to committed tickets. A command, not a test: misses are reported, and the exit code
// is 0 unless it could not measure.
import { mkdirSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { repoRoot } from "@supportdesk/config";
import { benchEnv, type Env, serverVersion } from "./lib/api-run";
import { installExitHandlers, killAll } from "./lib/children";
import { parseArgs, usage } from "./lib/helpcentre-args";
import { type ContactResult, measureContact } from "./lib/helpcentre-contact";
import { HC_DB, prepareHelpCentre } from "./lib/helpcentre-data";
import { measurePages, type PagesResult } from "./lib/helpcentre-pages";
import { measureSearch, type SearchResult } from "./lib/helpcentre-search";
import { SEARCH_QUERIES } from "./lib/helpcentre-words";
import { formatTable, ms, num, type Row } from "./lib/report";
import { log, machine, readOptions, runBench, started } from "./lib/run";
import { generateSigningKey } from "./lib/server";

const TARGET_PAGE_RATIO = 0.5;
const TARGET_SEARCH_RATIO = 1.5;

let keptOnFailure: string | undefined;

function pageRows(p: PagesResult): Row[] {
  const a = p.articlePage.load;
  const s = p.staticBaseline.load;
  return [
    { figure: `static stylesheet (${p.staticBaseline.bytes} B) req/s`, value: num(s.reqPerSec) },
    {
      figure: "static p50 / p95 / p99",
      value: `${ms(s.latencyMs.p50)} / ${ms(s.latencyMs.p95)} / ${ms(s.latencyMs.p99)}`,
    },
    { figure: `cached article page (~${p.articlePage.bytes} B) req/s`, value: num(a.reqPerSec) },
    {
      figure: "article page p50 / p95 / p99",
      value: `${ms(a.latencyMs.p50)} / ${ms(a.latencyMs.p95)} / ${ms(a.latencyMs.p99)}`,
    },
    {
      figure: "same pages, bot User-Agent (no view counted) req/s",
      value: num(p.articlePageUncounted.reqPerSec),
    },
    {
      figure: "page req/s ÷ static req/s",
      value: num(p.ratio, 3),
      target: `≥ ${TARGET_PAGE_RATIO}`,
      pass: p.ratio >= TARGET_PAGE_RATIO,
    },
    {
      figure: "failed requests (page + static)",
      value: String(a.non2xx + a.errors + s.non2xx + s.errors),
      target: "0",
      pass: a.non2xx + a.errors + s.non2xx + s.errors === 0,
    },
  ];
}

function searchRows(r: SearchResult): Row[] {
  return [
    { figure: `search p95, ${r.small.articles} articles`, value: ms(r.small.latencyMs.p95) },
    { figure: `search p95, ${r.big.articles} articles`, value: ms(r.big.latencyMs.p95) },
    {
      figure: `search p95(${r.big.articles}) ÷ p95(${r.small.articles})`,
      value: num(r.ratio, 2),
      target: `≤ ${TARGET_SEARCH_RATIO}`,
      pass: r.ratio <= TARGET_SEARCH_RATIO,
    },
  ];
}

function contactRows(r: ContactResult): Row[] {
  const l = r.latencyMs;
  const where = `${r.tenants} tenant${r.tenants === 1 ? "" : "s"}, ${r.clients} visitors`;
  return [
    {
      figure: `contact-form submissions/s to committed ticket (${where})`,
      value: num(r.submissionsPerSecond),
    },
    {
      figure: "contact post p50 / p95 / p99",
      value: `${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.p99)}`,
    },
    {
      figure: "failed contact posts (not 303 to /contact/sent)",
      value: String(r.errors),
      target: "0",
      pass: r.errors === 0,
    },
    {
      figure: "tickets committed ÷ posts accepted",
      value: `${r.committed} / ${r.accepted}`,
      target: "equal",
      pass: r.committed === r.accepted,
    },
  ];
}

async function main(): Promise<number> {
  const options = readOptions("bench:helpcentre", parseArgs, usage);
  if (typeof options === "number") return options;
  installExitHandlers((signal) => console.error(`\nbench:helpcentre: ${signal}: stopping`));
  const info = machine();
  const resultsDir = join(repoRoot(), "bench", "results");
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const workDir = join(resultsDir, `tmp-helpcentre-${stamp}`);
  mkdirSync(workDir, { recursive: true });
  keptOnFailure = workDir;
  log(
    `bench:helpcentre on ${info.cores} cores (load average ${info.loadAverageAtStart.join(" ")}); ` +
      `${options.tenants} tenants × ${options.articles} articles, search ${options.searchSmall} vs ${options.searchBig}`,
  );
  const env: Env = { ...benchEnv(), authKeys: JSON.stringify([await generateSigningKey()]) };
  const phases: Record<string, number> = {};
  const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      phases[name] = Math.round((performance.now() - t0) / 100) / 10;
    }
  };

  const data = await phase("data", () => prepareHelpCentre(env, options));
  const pages = options.skipPages
    ? undefined
    : await phase("pages", () => measurePages(env, data, options, workDir));
  const search = options.skipSearch
    ? undefined
    : await phase("search", () => {
        log(`search: ${options.searchRounds} rounds × ${SEARCH_QUERIES.length} queries per tenant`);
        return measureSearch(data, options.searchRounds);
      });
  const contactClients = options.contactClients ?? options.connections;
  const contact = options.skipContact
    ? undefined
    : await phase("contact", () => {
        log(`contact form: ${contactClients} visitors posting for ${options.duration} s`);
        return measureContact(env, data, { ...options, clients: contactClients }, workDir);
      });

  const rows: Row[] = [
    ...(pages ? pageRows(pages) : []),
    ...(search ? searchRows(search) : []),
    ...(contact ? contactRows(contact) : []),
  ];
  const report = {
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date().toISOString(),
    command: ["bun", "bench/helpcentre.ts", ...process.argv.slice(2)].join(" "),
    machine: {
      ...info,
      loadAverageAtEnd: loadavg().map((v) => Math.round(v * 100) / 100),
      postgres: await serverVersion(data.urls),
    },
    parameters: {
      ...options,
      server:
        "bun apps/server/src/main.ts, NODE_ENV=production, LOG_LEVEL=warn, SERVER_PROCESSES=<processes>",
      pageRequest:
        "GET /hc/<slug>/articles/<slug>, a browser User-Agent (views are counted), paths cycled over --pages articles of every tenant, all cached before measuring",
      staticBaseline:
        "GET /hc-assets/helpcentre.<hash>.css: the same server's in-memory stylesheet, through the same middleware",
      search:
        "helpCentre.publicSearch (searchArticles, limit 20, published) inside withTenant as the app role, one at a time, directly (no HTTP, no page cache)",
      contact:
        "POST /hc/<slug>/contact (urlencoded name, unique email, inquiryTypeId, subject, message, form_token; sd_hc_form cookie) from --contact-clients visitors in a loop for --duration s, each holding the token its GET of the form gave per tenant; success = 303 to /contact/sent; committed = tickets with channel 'helpcentre' created since the start, counted in PostgreSQL; submissions/s = min(accepted, committed) ÷ wall time",
    },
    dataset: { database: HC_DB, ...data.load },
    phasesSeconds: phases,
    pages: pages && { ...pages, target: TARGET_PAGE_RATIO, pass: pages.ratio >= TARGET_PAGE_RATIO },
    search: search && {
      ...search,
      queries: SEARCH_QUERIES,
      target: TARGET_SEARCH_RATIO,
      pass: search.ratio <= TARGET_SEARCH_RATIO,
    },
    contact: contact && {
      ...contact,
      pass: contact.errors === 0 && contact.committed === contact.accepted,
    },
  };
  const file = join(resultsDir, `helpcentre-${stamp}.json`);
  await Bun.write(file, `${JSON.stringify(report, null, 2)}\n`);
  rmSync(workDir, { recursive: true, force: true });

  console.log(`\n${formatTable(rows)}\n`);
  console.log(
    `Phases: ${Object.entries(phases)
      .map(([k, v]) => `${k} ${v} s`)
      .join(", ")}`,
  );
  const misses = rows.filter((r) => r.pass === false).length;
  console.log(
    `${misses === 0 ? "All targets met." : `${misses} target(s) missed (reported, not an error).`} ` +
      `Results: ${file.replace(`${repoRoot()}/`, "")}`,
  );
  return 0;
}

runBench("bench:helpcentre", main, {
  cleanup: killAll,
  onFailure: () => {
    if (keptOnFailure) console.error(`Logs of this run: ${keptOnFailure}`);
  },
});
