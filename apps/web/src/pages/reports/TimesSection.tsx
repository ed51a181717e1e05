// Reports → response times: median and p90 first response and resolution per period (bars, in
// hours of business time), and by agent and team.
import type { RouterOutputs } from "@supportdesk/trpc";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { CsvButton, DataTable, Figure } from "./Figure";
import { duration, type ReportQuery } from "./params";

type Times = RouterOutputs["reports"]["responseTimes"];
type Which = "firstResponse" | "resolution";

const hours = (seconds: number | null) =>
  seconds === null ? null : Math.round((seconds / 3600) * 100) / 100;

function TimeFigure({ data, which, query }: { data: Times; which: Which; query: ReportQuery }) {
  const title = which === "firstResponse" ? "First response" : "Resolution";
  const overall = data.overall[which];
  const rows = data.buckets.map((b) => ({
    bucket: b.bucket,
    median: hours(b[which].median),
    p90: hours(b[which].p90),
  }));
  return (
    <Figure
      title={`${title} time`}
      caption={`median ${duration(overall.median)}, p90 ${duration(overall.p90)} over ${overall.count} tickets (business hours)`}
      actions={
        which === "firstResponse" ? <CsvButton report="responseTimes" query={query} /> : null
      }
      chart={
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="bucket" />
            <YAxis unit=" h" />
            <Tooltip />
            <Legend />
            <Bar dataKey="median" name="Median (h)" fill="#2563eb" />
            <Bar dataKey="p90" name="p90 (h)" fill="#f59e0b" />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <DataTable
          caption={`${title} time per period`}
          columns={["Period", "Tickets", "Median", "p90"]}
          rows={data.buckets.map((b) => [
            b.bucket,
            b[which].count,
            duration(b[which].median),
            duration(b[which].p90),
          ])}
        />
      }
    />
  );
}

function People({ title, rows }: { title: string; rows: Times["byAgent"] }) {
  return (
    <DataTable
      caption={title}
      columns={[
        title.replace(/^By /, ""),
        "First response median",
        "p90",
        "Resolution median",
        "p90 ",
      ]}
      rows={rows.map((row) => [
        row.label,
        duration(row.firstResponse.median),
        duration(row.firstResponse.p90),
        duration(row.resolution.median),
        duration(row.resolution.p90),
      ])}
    />
  );
}

export function TimesSection({ data, query }: { data: Times; query: ReportQuery }) {
  return (
    <section aria-labelledby="report-times" className="sd-report-section">
      <h3 id="report-times">Response times</h3>
      <TimeFigure data={data} which="firstResponse" query={query} />
      <TimeFigure data={data} which="resolution" query={query} />
      <div className="sd-report-grid">
        <People title="By agent" rows={data.byAgent} />
        <People title="By team" rows={data.byTeam} />
      </div>
    </section>
  );
}
