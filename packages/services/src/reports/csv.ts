// CSV export of any report: its tables one after another (a header row each, a blank line
// between), RFC 4180 quoting, and cells a spreadsheet would run as a formula defused.
import type { csatReport } from "./csat";
import type { overview } from "./overview";
import type { responseTimes } from "./response-times";
import type { slaReport } from "./sla";
import type { volume } from "./volume";

export type Report =
  | Awaited<ReturnType<typeof overview>>
  | Awaited<ReturnType<typeof volume>>
  | Awaited<ReturnType<typeof responseTimes>>
  | Awaited<ReturnType<typeof slaReport>>
  | Awaited<ReturnType<typeof csatReport>>;

type Cell = string | number | boolean | null | undefined;
type Table = { title: string; header: string[]; rows: Cell[][] };

/**
 * One cell: quoted when it holds a quote, comma or line break (quotes doubled); text starting
 * with = + - @ (or a tab / carriage return) gets a leading ' so a spreadsheet shows it as text.
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const tableCsv = (table: Table) =>
  [[table.title], table.header, ...table.rows]
    .map((row) => row.map(csvCell).join(","))
    .join("\r\n");

type Dim = { key: string | null; label: string; created: number; resolved: number };
const dimTable = (title: string, rows: Dim[]): Table => ({
  title,
  header: ["key", "label", "created", "resolved"],
  rows: rows.map((row) => [row.key, row.label, row.created, row.resolved]),
});

function tables(report: Report): Table[] {
  switch (report.report) {
    case "overview":
      return [
        {
          title: "Overview",
          header: ["figure", "value"],
          rows: [
            ["created", report.created],
            ["resolved", report.resolved],
            ["backlog", report.backlog],
            ["first response median (s)", report.firstResponse.median],
            ["first response p90 (s)", report.firstResponse.p90],
            ["resolution median (s)", report.resolution.median],
            ["resolution p90 (s)", report.resolution.p90],
            ["SLA met", report.sla.met],
            ["SLA breached", report.sla.breached],
            ["SLA % met", report.sla.pctMet],
            ["CSAT average", report.csat.average],
            ["CSAT surveys sent", report.csat.sent],
            ["CSAT responses", report.csat.responded],
            ["CSAT response rate %", report.csat.responseRate],
          ],
        },
      ];
    case "volume":
      return [
        {
          title: "Volume",
          header: ["bucket", "created", "resolved", "backlog"],
          rows: report.buckets.map((b) => [b.bucket, b.created, b.resolved, b.backlog]),
        },
        dimTable("By channel", report.byChannel),
        dimTable("By inquiry type", report.byInquiryType),
        dimTable("By tag", report.byTag),
        dimTable("By team", report.byTeam),
        dimTable("By agent", report.byAgent),
      ];
    case "responseTimes": {
      const header = [
        "first response n",
        "first response median (s)",
        "first response p90 (s)",
        "resolution n",
        "resolution median (s)",
        "resolution p90 (s)",
      ];
      type Pair = (typeof report.buckets)[number];
      const figures = (row: Pick<Pair, "firstResponse" | "resolution">): Cell[] => [
        row.firstResponse.count,
        row.firstResponse.median,
        row.firstResponse.p90,
        row.resolution.count,
        row.resolution.median,
        row.resolution.p90,
      ];
      return [
        {
          title: "Response times",
          header: ["bucket", ...header],
          rows: report.buckets.map((b) => [b.bucket, ...figures(b)]),
        },
        {
          title: "By agent",
          header: ["key", "label", ...header],
          rows: report.byAgent.map((r) => [r.key, r.label, ...figures(r)]),
        },
        {
          title: "By team",
          header: ["key", "label", ...header],
          rows: report.byTeam.map((r) => [r.key, r.label, ...figures(r)]),
        },
      ];
    }
    case "sla":
      return [
        {
          title: "SLA",
          header: ["bucket", "metric", "met", "breached", "% met"],
          rows: report.metrics.flatMap((m) =>
            m.buckets.map((b) => [b.bucket, m.metric, b.met, b.breached, b.pctMet]),
          ),
        },
        {
          title: "Latest breaches",
          header: ["ticket", "subject", "metric", "due at", "breached at", "policy"],
          rows: report.latestBreaches.map((b) => [
            b.number,
            b.subject,
            b.metric,
            b.dueAt,
            b.breachedAt,
            b.policyName,
          ]),
        },
      ];
    case "csat":
      return [
        {
          title: "Satisfaction",
          header: ["bucket", "sent", "responded", "response rate %", "average"],
          rows: report.buckets.map((b) => [
            b.bucket,
            b.sent,
            b.responded,
            b.responseRate,
            b.average,
          ]),
        },
        {
          title: "Distribution",
          header: ["rating", "count"],
          rows: report.distribution.map((d) => [d.rating, d.count]),
        },
        {
          title: "By agent",
          header: ["key", "label", "sent", "responded", "response rate %", "average"],
          rows: report.byAgent.map((r) => [
            r.key,
            r.label,
            r.sent,
            r.responded,
            r.responseRate,
            r.average,
          ]),
        },
        {
          title: "By team",
          header: ["key", "label", "sent", "responded", "response rate %", "average"],
          rows: report.byTeam.map((r) => [
            r.key,
            r.label,
            r.sent,
            r.responded,
            r.responseRate,
            r.average,
          ]),
        },
        {
          title: "Latest comments",
          header: ["ticket", "subject", "rating", "comment", "rated at"],
          rows: report.latestComments.map((c) => [
            c.number,
            c.subject,
            c.rating,
            c.comment,
            c.ratedAt,
          ]),
        },
      ];
  }
}

/**
 * The report as CSV text (CRLF line ends, as RFC 4180 has them).
 *
 * @example
 * const csv = toCsv(await volume(scope, range));
 */
export function toCsv(report: Report): string {
  const { range } = report;
  const about: Table = {
    title: "Report",
    header: ["setting", "value"],
    rows: [
      ["report", report.report],
      ["from", range.from],
      ["to", range.to],
      ["time zone", range.timezone],
      ["interval", range.interval],
      ...Object.entries(range.filters).map(([key, value]): Cell[] => [`filter ${key}`, value]),
    ],
  };
  return `${[about, ...tables(report)].map(tableCsv).join("\r\n\r\n")}\r\n`;
}
