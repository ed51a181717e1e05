// reports: the rollup (ticket_facts, kept by the "report.fact" job) and the reports over it —
// overview, volume, response times, SLA, CSAT — with CSV export.

import type { TenantScope } from "../context";
import { AppError } from "../errors";
import { csatReport } from "./csat";
import { type Report, toCsv } from "./csv";
import { overview } from "./overview";
import type { ReportInput } from "./range";
import { responseTimes } from "./response-times";
import { slaReport } from "./sla";
import { volume } from "./volume";

export { csvCell, type Report, toCsv } from "./csv";
export { BACKFILL_BATCH, backfillFacts, refreshFact, writeFacts } from "./facts";
export {
  isTimeZone,
  MAX_RANGE_DAYS,
  REPORT_INTERVALS,
  type ReportFilters,
  type ReportInput,
  type ReportInterval,
} from "./range";
export { csatReport, overview, responseTimes, slaReport, volume };

export const REPORT_KINDS = ["overview", "volume", "responseTimes", "sla", "csat"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

const RUN: Record<ReportKind, (scope: TenantScope, input: ReportInput) => Promise<Report>> = {
  overview,
  volume,
  responseTimes,
  sla: slaReport,
  csat: csatReport,
};

/**
 * One report as a CSV file: its name says what and when (`volume-2025-01-01-to-2025-01-31.csv`).
 *
 * @example
 * const { filename, csv } = await exportReport(scope, { report: "sla", from, to, timezone });
 */
export async function exportReport(
  scope: TenantScope,
  input: ReportInput & { report: ReportKind },
) {
  const { report, ...range } = input;
  const run = RUN[report];
  if (!run)
    throw new AppError(
      "BAD_REQUEST",
      "report must be one of overview, volume, responseTimes, sla, csat.",
      { field: "report" },
    );
  const result = await run(scope, range);
  return { filename: `${report}-${range.from}-to-${range.to}.csv`, csv: toCsv(result) };
}
