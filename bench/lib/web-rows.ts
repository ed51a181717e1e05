// bench:web's figures as table rows: the bundle's sizes, the inbox's first render and the
// scrolling runs (medians over the runs, with every run's value beside them).
import { ms, num, type Row } from "./report";
import type { Frames, LoadAll, LoadRun, measureFirstRender } from "./web-browser";
import { type BundleReport, kib } from "./web-bundle";

const median = (values: (number | null)[]) => {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v));
  sorted.sort((a, b) => a - b);
  return sorted.length ? (sorted[Math.floor((sorted.length - 1) / 2)] as number) : Number.NaN;
};

export function bundleRows(bundle: BundleReport): Row[] {
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

export function renderRows(
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

export function scrollRows(loadAll: LoadAll, frames: Frames, tickets: number): Row[] {
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
