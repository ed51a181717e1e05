// The inbox in headless Chromium: first render after navigation, loading every page by scrolling,
// and frame intervals while scrolling the whole list. Times come from inside the page
// (performance.now(), whose zero is the navigation's start), not from the bench process.
import type { BrowserContext, Page } from "../../apps/web/e2e/harness.ts";
import { type LatencySummary, summarize } from "./stats";

/** The first ticket row's link (Inbox.tsx: `<li data-index>` rows, `a.ticket-subject`). */
const ROW = ".ticket-list li[data-index]";
const ROW_LINK = `${ROW} a.ticket-subject`;
const SCROLLER = ".ticket-list";
const COUNT = ".tickets-page .page-head .count";
const UI_TIMEOUT_MS = 30_000;
/** Rows per animation frame in the frame-timing scroll (68 px each: about 16,000 px/s at 60 Hz). */
const ROWS_PER_FRAME = 4;
const ROW_HEIGHT = 68;
/** 1.5 × a 60 Hz frame: a longer interval missed at least one vsync. */
const SLOW_FRAME_MS = 25;

// The slice of the browser's globals the in-page functions use: the root tsconfig has no DOM lib.
type El = {
  textContent: string | null;
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  getBoundingClientRect(): { top: number; bottom: number; height: number };
  getAttribute(name: string): string | null;
};
type Entry = {
  name: string;
  startTime: number;
  duration: number;
  responseEnd: number;
  encodedBodySize: number;
  decodedBodySize: number;
  domContentLoadedEventEnd: number;
};
type Observer = { observe(target: unknown, options: object): void; disconnect(): void };
type InPage = {
  document: {
    querySelector(selector: string): El | null;
    querySelectorAll(selector: string): ArrayLike<El>;
  };
  performance: {
    now(): number;
    getEntriesByType(type: string): Entry[];
    getEntriesByName(name: string): Entry[];
  };
  requestAnimationFrame(callback: (time: number) => void): number;
  MutationObserver: new (callback: () => void) => Observer;
  PerformanceObserver: new (
    callback: (list: { getEntries(): Entry[] }) => void,
  ) => { observe(options: object): void };
  setTimeout(callback: () => void, ms: number): number;
  location: { pathname: string };
  __benchWeb?: { firstRow: Promise<{ ms: number; text: string }>; longTasks: number[][] };
};
/**
 * Installed in every page of the context before its scripts run: notes when the first row link
 * is in the DOM with a layout box (a MutationObserver: no polling, no delay), and long tasks.
 * `firstRow` settles then (or rejects after `timeoutMs`), so the bench can await it with one
 * page.evaluate instead of polling with a locator, whose injected script would compete with the
 * app for the page's main thread while it loads.
 */
function installProbe({ selector, timeoutMs }: { selector: string; timeoutMs: number }) {
  const w = globalThis as unknown as InPage;
  const longTasks: number[][] = [];
  try {
    new w.PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask" });
  } catch {
    // No long-task timing in this browser: the figure stays empty.
  }
  const firstRow = new Promise<{ ms: number; text: string }>((resolve, reject) => {
    const observer = new w.MutationObserver(() => {
      const link = w.document.querySelector(selector);
      if (!link || link.getBoundingClientRect().height <= 0) return;
      observer.disconnect();
      resolve({ ms: w.performance.now(), text: link.textContent ?? "" });
    });
    observer.observe(w.document, { childList: true, subtree: true });
    w.setTimeout(() => {
      observer.disconnect();
      reject(new Error(`no ${selector} within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  // Keeps an unawaited rejection (a page the bench never asks) out of the console.
  firstRow.catch(() => {});
  w.__benchWeb = { firstRow, longTasks };
}

export type LoadRun = {
  /** Navigation start → first row link in the DOM with a box (in-page, MutationObserver). */
  firstRowMs: number;
  /** page.goto until the probe reports the row, timed in the bench process (CDP round trips). */
  wallMs: number;
  /** The navigation's milestones (ms from its start). */
  htmlResponseEndMs: number;
  domContentLoadedMs: number;
  firstContentfulPaintMs: number | null;
  authRefreshEndMs: number | null;
  ticketsListStartMs: number | null;
  ticketsListEndMs: number | null;
  /** Long tasks (> 50 ms on the main thread) before the first row: count and total ms. */
  longTasks: number;
  longTaskMs: number;
  /** The /assets/* files the load fetched (entry, its imports, lazy chunks, CSS), and what they
   * weighed on the wire (encoded) and decoded: equal when served uncompressed. */
  assetsFetched: number;
  assetsEncodedBytes: number;
  assetsDecodedBytes: number;
  /** `<li data-index>` elements, and those that are ticket rows (with a link), at first render. */
  domRows: number;
  domTicketRows: number;
  countText: string;
  firstRowText: string;
};

/** Installs the first-row probe in every page `context` opens from now on. */
export const installProbeIn = (context: BrowserContext) =>
  context.addInitScript(installProbe, { selector: ROW_LINK, timeoutMs: UI_TIMEOUT_MS });

/** Opens the inbox in a new page of `context` and waits for its first row. The page stays open. */
export async function openInbox(
  context: BrowserContext,
  slug: string,
  expectedFirstSubject: string,
): Promise<{ page: Page; run: LoadRun }> {
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  try {
    const t0 = performance.now();
    await page.goto(`/t/${slug}/tickets`, { waitUntil: "commit" });
    const first = await page
      .evaluate(() => {
        const probe = (globalThis as unknown as InPage).__benchWeb;
        if (!probe) throw new Error("the first-row probe is not installed (installProbeIn)");
        return probe.firstRow;
      })
      .catch(async (error: unknown) => {
        const path = await page
          .evaluate(() => (globalThis as unknown as InPage).location.pathname)
          .catch(() => "?");
        throw new Error(
          `The inbox's first row did not appear (the page is at ${path}` +
            `${path.startsWith("/login") ? ": not signed in" : ""}): ${(error as Error).message}`,
        );
      });
    const wallMs = performance.now() - t0;
    if (first.text !== expectedFirstSubject) {
      throw new Error(
        `The first row shows "${first.text}", not the newest ticket "${expectedFirstSubject}".`,
      );
    }
    // Measured; now the same row through Playwright's own visibility check.
    await page.getByRole("link", { name: expectedFirstSubject, exact: true }).waitFor();
    const measured = await page.evaluate(
      ({ row, link, count, firstRowMs }) => {
        const w = globalThis as unknown as InPage;
        const nav = w.performance.getEntriesByType("navigation")[0];
        const resources = w.performance.getEntriesByType("resource");
        const find = (part: string) => resources.find((e) => e.name.includes(part));
        const refresh = find("auth.refresh");
        const list = find("tickets.list");
        const before = (w.__benchWeb?.longTasks ?? []).filter(
          ([start]) => (start ?? 0) < firstRowMs,
        );
        const assets = resources.filter((e) => e.name.includes("/assets/"));
        return {
          htmlResponseEndMs: nav?.responseEnd ?? Number.NaN,
          domContentLoadedMs: nav?.domContentLoadedEventEnd ?? Number.NaN,
          firstContentfulPaintMs:
            w.performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
          authRefreshEndMs: refresh?.responseEnd ?? null,
          ticketsListStartMs: list?.startTime ?? null,
          ticketsListEndMs: list?.responseEnd ?? null,
          longTasks: before.length,
          longTaskMs: before.reduce((sum, [, duration]) => sum + (duration ?? 0), 0),
          assetsFetched: assets.length,
          assetsEncodedBytes: assets.reduce((sum, e) => sum + e.encodedBodySize, 0),
          assetsDecodedBytes: assets.reduce((sum, e) => sum + e.decodedBodySize, 0),
          domRows: w.document.querySelectorAll(row).length,
          domTicketRows: w.document.querySelectorAll(link).length,
          countText: w.document.querySelector(count)?.textContent ?? "",
        };
      },
      { row: ROW, link: ROW_LINK, count: COUNT, firstRowMs: first.ms },
    );
    return {
      page,
      run: { firstRowMs: first.ms, wallMs, ...measured, firstRowText: first.text },
    };
  } catch (error) {
    await page.close().catch(() => {});
    throw error;
  }
}

export type FirstRender = {
  runs: LoadRun[];
  warmup: LoadRun;
  firstRowMs: LatencySummary;
  wallMs: LatencySummary;
};

/** One warm-up load, then `runs` measured loads, each in a new page of the same context. */
export async function measureFirstRender(
  context: BrowserContext,
  slug: string,
  expectedFirstSubject: string,
  runs: number,
  log: (line: string) => void,
): Promise<FirstRender> {
  const all: LoadRun[] = [];
  for (let i = 0; i <= runs; i++) {
    const { page, run } = await openInbox(context, slug, expectedFirstSubject);
    // Let the page settle (the session's WebSocket, the members query) before closing it, so
    // nothing from this load overlaps the next one.
    await page.waitForLoadState("networkidle").catch(() => {});
    await page.close();
    all.push(run);
    log(
      `  ${i === 0 ? "warm-up" : `run ${i}/${runs}`}: first row at ${run.firstRowMs.toFixed(0)} ms ` +
        `(wall ${run.wallMs.toFixed(0)} ms), ${run.domRows} rows in the DOM, "${run.countText}"`,
    );
  }
  const [warmup, ...measured] = all as [LoadRun, ...LoadRun[]];
  return {
    runs: measured,
    warmup,
    firstRowMs: summarize(Float64Array.from(measured, (r) => r.firstRowMs)),
    wallMs: summarize(Float64Array.from(measured, (r) => r.wallMs)),
  };
}

export type LoadAll = {
  /** From the first scroll to the count showing every ticket (no "+"), in-page. */
  ms: number;
  /** tickets.list requests the page made, the first page included. */
  listRequests: number;
  listRequestMs: LatencySummary;
  domRows: number;
  domTicketRows: number;
  /** aria-posinset of the last row in the DOM: the list's last ticket when fully scrolled. */
  lastRowPosition: number | null;
  countText: string;
};

export type Frames = {
  rowsPerFrame: number;
  pxPerFrame: number;
  frames: number;
  ms: number;
  intervalMs: LatencySummary;
  /** Frames longer than 25 ms: 1.5 × a 60 Hz interval, so at least one vsync missed. */
  slowFrames: number;
  framesPerSecond: number;
  domRowsAfter: number;
};

/**
 * In `page` (the inbox, first row shown): scrolls the list container to the bottom every frame
 * until the count shows all `expected` tickets, then the frame-timing scroll from top to bottom.
 */
export async function measureScroll(
  page: Page,
  expected: number,
): Promise<{ loadAll: LoadAll; frames: Frames }> {
  const loaded = await page.evaluate(
    async ({ scroller, count, row, link, expected, timeoutMs }) => {
      const w = globalThis as unknown as InPage;
      const el = w.document.querySelector(scroller);
      if (!el) throw new Error(`no ${scroller}`);
      const frame = () => new Promise<number>((resolve) => w.requestAnimationFrame(resolve));
      const text = () => w.document.querySelector(count)?.textContent ?? "";
      const complete = () => {
        const match = /^(\d+)(\+?) tickets?/.exec(text());
        return match !== null && match[2] === "" && Number(match[1]) >= expected;
      };
      const t0 = w.performance.now();
      while (!complete()) {
        if (w.performance.now() - t0 > timeoutMs) {
          throw new Error(
            `not every ticket loaded within ${timeoutMs} ms; the count says "${text()}"`,
          );
        }
        el.scrollTop = el.scrollHeight;
        await frame();
      }
      const ms = w.performance.now() - t0;
      // The last page is in: scroll to the very end and let the virtualiser render it.
      el.scrollTop = el.scrollHeight;
      await frame();
      await frame();
      const rows = w.document.querySelectorAll(row);
      const last = rows.length > 0 ? rows[rows.length - 1] : undefined;
      const lists = w.performance
        .getEntriesByType("resource")
        .filter((e) => e.name.includes("tickets.list"));
      return {
        ms,
        listDurations: lists.map((e) => e.duration),
        domRows: rows.length,
        domTicketRows: w.document.querySelectorAll(link).length,
        lastRowPosition: Number(last?.getAttribute("aria-posinset") ?? Number.NaN),
        countText: text(),
      };
    },
    { scroller: SCROLLER, count: COUNT, row: ROW, link: ROW_LINK, expected, timeoutMs: 120_000 },
  );
  const loadAll: LoadAll = {
    ms: loaded.ms,
    listRequests: loaded.listDurations.length,
    listRequestMs: summarize(Float64Array.from(loaded.listDurations)),
    domRows: loaded.domRows,
    domTicketRows: loaded.domTicketRows,
    lastRowPosition: Number.isFinite(loaded.lastRowPosition) ? loaded.lastRowPosition : null,
    countText: loaded.countText,
  };

  const pxPerFrame = ROWS_PER_FRAME * ROW_HEIGHT;
  const scrolled = await page.evaluate(
    async ({ scroller, row, pxPerFrame }) => {
      const w = globalThis as unknown as InPage;
      const el = w.document.querySelector(scroller);
      if (!el) throw new Error(`no ${scroller}`);
      const frame = () => new Promise<number>((resolve) => w.requestAnimationFrame(resolve));
      el.scrollTop = 0;
      await frame();
      await frame();
      const intervals: number[] = [];
      let last = await frame();
      const t0 = last;
      while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
        el.scrollTop += pxPerFrame;
        const now = await frame();
        intervals.push(now - last);
        last = now;
      }
      return {
        intervals,
        ms: last - t0,
        domRowsAfter: w.document.querySelectorAll(row).length,
      };
    },
    { scroller: SCROLLER, row: ROW, pxPerFrame },
  );
  const intervalMs = summarize(Float64Array.from(scrolled.intervals));
  return {
    loadAll,
    frames: {
      rowsPerFrame: ROWS_PER_FRAME,
      pxPerFrame,
      frames: scrolled.intervals.length,
      ms: scrolled.ms,
      intervalMs,
      slowFrames: scrolled.intervals.filter((v) => v > SLOW_FRAME_MS).length,
      framesPerSecond:
        scrolled.ms > 0 ? (scrolled.intervals.length * 1000) / scrolled.ms : Number.NaN,
      domRowsAfter: scrolled.domRowsAfter,
    },
  };
}
