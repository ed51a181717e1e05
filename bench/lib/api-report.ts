// bench:api's figures: every (processes, connections) cell and pgbench at each client count,
// summarised over the rounds (medians), and the printed table's rows.
import type { LoadResult } from "./loadgen";
import type { PgbenchResult } from "./pgbench";
import { ms, num, type Row } from "./report";

export const TARGET_RATIO = 0.35;

/** The API measured with `processes` server processes at `connections`, once per round. */
export type ApiCell = { processes: number; connections: number; runs: LoadResult[] };
/** pgbench at `connections` clients, once per round (run just before that round's API cells). */
export type PgCell = { connections: number; runs: PgbenchResult[] };

/** The median (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function summarizeApi(cell: ApiCell, pg: PgCell) {
  const runs = cell.runs;
  const cpu = runs.map((r) => r.cpu.server?.cores).filter((c): c is number => c !== undefined);
  // CPU per request holds still when a busy machine lowers req/s: the figure to compare changes by.
  const perRequest = runs
    .filter((r) => r.cpu.server && r.reqPerSec > 0)
    .map((r) => ((r.cpu.server?.cores ?? 0) * 1000) / r.reqPerSec);
  return {
    processes: cell.processes,
    connections: cell.connections,
    reqPerSec: median(runs.map((r) => r.reqPerSec)),
    latencyMs: {
      p50: median(runs.map((r) => r.latencyMs.p50)),
      p95: median(runs.map((r) => r.latencyMs.p95)),
      p99: median(runs.map((r) => r.latencyMs.p99)),
    },
    serverCpuCores: cpu.length ? median(cpu) : null,
    serverCpuMsPerRequest: perRequest.length ? median(perRequest) : null,
    failed: runs.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
    requests: runs.reduce((sum, r) => sum + r.requests, 0),
    // Per round (pgbench ran just before), then the median: drift between rounds cancels out.
    ratio: median(runs.map((r, i) => r.reqPerSec / (pg.runs[i]?.tps ?? Number.NaN))),
    p99VsPgbench: median(
      runs.map((r, i) => r.latencyMs.p99 / (pg.runs[i]?.latencyMs.p99 ?? Number.NaN)),
    ),
  };
}

export function summarizePg(cell: PgCell) {
  return {
    connections: cell.connections,
    tps: median(cell.runs.map((r) => r.tps)),
    latencyMs: {
      p50: median(cell.runs.map((r) => r.latencyMs.p50)),
      p95: median(cell.runs.map((r) => r.latencyMs.p95)),
      p99: median(cell.runs.map((r) => r.latencyMs.p99)),
    },
  };
}

export type ApiSummary = ReturnType<typeof summarizeApi>;
export type PgSummary = ReturnType<typeof summarizePg>;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "es"}`;

/**
 * The table: per connection count, pgbench then each process count with its ratio (judged
 * against the target at `targetConnections`, the first --connections) and, at the lowest count,
 * its p99 against pgbench's.
 */
export function matrixRows(
  pg: PgSummary[],
  api: ApiSummary[],
  targetConnections: number,
  rounds: number,
): Row[] {
  const rows: Row[] = [];
  const lowest = Math.min(...pg.map((p) => p.connections));
  const of = rounds > 1 ? ` (median of ${rounds})` : "";
  for (const p of pg) {
    const c = p.connections;
    rows.push({
      figure: `pgbench same SQL, ${c} clients${of}`,
      value: `${num(p.tps)} TPS · p50 ${ms(p.latencyMs.p50)} · p99 ${ms(p.latencyMs.p99)}`,
    });
    for (const a of api.filter((x) => x.connections === c)) {
      const cpu =
        a.serverCpuCores === null || a.serverCpuMsPerRequest === null
          ? ""
          : ` · CPU ${num(a.serverCpuCores, 2)} cores, ${num(a.serverCpuMsPerRequest, 2)} ms/req`;
      rows.push({
        figure: `API tickets.list, ${c} connections, ${plural(a.processes, "process")}`,
        value:
          `${num(a.reqPerSec)} req/s · p50 ${ms(a.latencyMs.p50)} · p95 ${ms(a.latencyMs.p95)} · ` +
          `p99 ${ms(a.latencyMs.p99)}${cpu}`,
      });
      rows.push({
        figure: `  req/s ÷ pgbench TPS (${c}, ${plural(a.processes, "process")})`,
        value: num(a.ratio, 3),
        ...(c === targetConnections
          ? { target: `≥ ${TARGET_RATIO}`, pass: a.ratio >= TARGET_RATIO }
          : {}),
      });
      if (c === lowest) {
        rows.push({
          figure: `  p99 ÷ pgbench p99 (${c}, ${plural(a.processes, "process")})`,
          value: `${num(a.p99VsPgbench, 2)}× (${ms(a.latencyMs.p99)} vs ${ms(p.latencyMs.p99)})`,
        });
      }
    }
  }
  const failed = api.reduce((sum, a) => sum + a.failed, 0);
  const requests = api.reduce((sum, a) => sum + a.requests, 0);
  rows.push({
    figure: "API failed requests (all runs)",
    value: `${failed} of ${requests}`,
    target: "0",
    pass: failed === 0,
  });
  return rows;
}
