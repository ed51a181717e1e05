// Reports → volume: created vs resolved over time with the backlog, and the breakdowns by
// channel, inquiry type, tag, team and agent.
import type { RouterOutputs } from "@supportdesk/trpc";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { CsvButton, DataTable, Figure } from "./Figure";
import type { ReportQuery } from "./params";

type Volume = RouterOutputs["reports"]["volume"];
type Dim = Volume["byChannel"];

function Breakdown({ title, rows }: { title: string; rows: Dim }) {
  return (
    <DataTable
      caption={title}
      columns={[title.replace(/^By /, ""), "Created", "Resolved"]}
      rows={rows.map((row) => [row.label, row.created, row.resolved])}
    />
  );
}

export function VolumeSection({ data, query }: { data: Volume; query: ReportQuery }) {
  return (
    <section aria-labelledby="report-volume" className="sd-report-section">
      <h3 id="report-volume">Volume</h3>
      <Figure
        title="Created vs resolved"
        caption={`${data.totals.created} created, ${data.totals.resolved} resolved, per ${data.range.interval} (${data.range.timezone})`}
        actions={<CsvButton report="volume" query={query} />}
        chart={
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={data.buckets} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="bucket" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              <Line type="monotone" dataKey="created" name="Created" stroke="#2563eb" />
              <Line type="monotone" dataKey="resolved" name="Resolved" stroke="#16a34a" />
              <Line
                type="monotone"
                dataKey="backlog"
                name="Backlog"
                stroke="#9333ea"
                strokeDasharray="4 2"
              />
            </LineChart>
          </ResponsiveContainer>
        }
        table={
          <DataTable
            caption="Created, resolved and backlog per period"
            columns={["Period", "Created", "Resolved", "Backlog at end"]}
            rows={data.buckets.map((b) => [b.bucket, b.created, b.resolved, b.backlog])}
          />
        }
      />
      <div className="sd-report-grid">
        <Breakdown title="By channel" rows={data.byChannel} />
        <Breakdown title="By inquiry type" rows={data.byInquiryType} />
        <Breakdown title="By tag" rows={data.byTag} />
        <Breakdown title="By team" rows={data.byTeam} />
        <Breakdown title="By agent" rows={data.byAgent} />
      </div>
    </section>
  );
}
