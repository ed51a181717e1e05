// Reports → SLA (% met per period, met and breached, the latest breaches) and satisfaction
// (the 1–5 distribution, average and response rate, by agent, the latest comments).
import type { RouterOutputs } from "@supportdesk/trpc";
import {
  Bar,
  BarChart,
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
import { percent, type ReportQuery } from "./params";

type Sla = RouterOutputs["reports"]["sla"];
type Csat = RouterOutputs["reports"]["csat"];

const METRIC_LABELS: Record<string, string> = {
  first_response: "First response",
  next_response: "Next response",
  resolution: "Resolution",
};

export function SlaSection({ data, query }: { data: Sla; query: ReportQuery }) {
  return (
    <section aria-labelledby="report-sla" className="sd-report-section">
      <h3 id="report-sla">SLA</h3>
      <Figure
        title="SLA % met"
        caption={`${percent(data.overall.pctMet)} met: ${data.overall.met} met, ${data.overall.breached} breached`}
        actions={<CsvButton report="sla" query={query} />}
        chart={
          <ResponsiveContainer width="100%" height={240}>
            <LineChart data={data.buckets} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="bucket" />
              <YAxis domain={[0, 100]} unit="%" />
              <Tooltip />
              <Legend />
              <Line type="monotone" dataKey="pctMet" name="% met" stroke="#16a34a" connectNulls />
            </LineChart>
          </ResponsiveContainer>
        }
        table={
          <DataTable
            caption="SLA targets per period and metric"
            columns={["Period", "Metric", "Met", "Breached", "% met"]}
            rows={data.metrics.flatMap((m) =>
              m.buckets
                .filter((b) => b.met + b.breached > 0)
                .map((b) => [
                  b.bucket,
                  METRIC_LABELS[m.metric] ?? m.metric,
                  b.met,
                  b.breached,
                  percent(b.pctMet),
                ]),
            )}
          />
        }
      />
      <DataTable
        caption="Latest breaches"
        columns={["Ticket", "Metric", "Due", "Breached", "Policy"]}
        rows={data.latestBreaches.map((b) => [
          `#${b.number} ${b.subject}`,
          METRIC_LABELS[b.metric] ?? b.metric,
          b.dueAt ? new Date(b.dueAt).toLocaleString() : "—",
          new Date(b.breachedAt).toLocaleString(),
          b.policyName,
        ])}
      />
    </section>
  );
}

export function CsatSection({ data, query }: { data: Csat; query: ReportQuery }) {
  const { overall } = data;
  return (
    <section aria-labelledby="report-csat" className="sd-report-section">
      <h3 id="report-csat">Satisfaction</h3>
      <Figure
        title="CSAT ratings"
        caption={`average ${overall.average ?? "—"} of 5 from ${overall.responded} of ${overall.sent} surveys (${percent(overall.responseRate)} responded)`}
        actions={<CsvButton report="csat" query={query} />}
        chart={
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={data.distribution} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="rating" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Bar dataKey="count" name="Ratings" fill="#f59e0b" />
            </BarChart>
          </ResponsiveContainer>
        }
        table={
          <DataTable
            caption="Ratings from 1 (very unhappy) to 5 (very happy)"
            columns={["Rating", "Count"]}
            rows={data.distribution.map((d) => [d.rating, d.count])}
          />
        }
      />
      <div className="sd-report-grid">
        <DataTable
          caption="By agent"
          columns={["Agent", "Sent", "Responded", "Rate", "Average"]}
          rows={data.byAgent.map((r) => [
            r.label,
            r.sent,
            r.responded,
            percent(r.responseRate),
            r.average ?? "—",
          ])}
        />
        <DataTable
          caption="By team"
          columns={["Team", "Sent", "Responded", "Rate", "Average"]}
          rows={data.byTeam.map((r) => [
            r.label,
            r.sent,
            r.responded,
            percent(r.responseRate),
            r.average ?? "—",
          ])}
        />
      </div>
      <DataTable
        caption="Latest comments"
        columns={["Ticket", "Rating", "Comment", "Rated"]}
        rows={data.latestComments.map((c) => [
          `#${c.number} ${c.subject}`,
          c.rating,
          c.comment,
          new Date(c.ratedAt).toLocaleString(),
        ])}
      />
    </section>
  );
}
