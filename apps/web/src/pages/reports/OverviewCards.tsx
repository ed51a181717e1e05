// Reports' headline figures as cards: created, resolved, backlog, first response and resolution
// (median and p90), SLA % met, CSAT average and response rate.
import type { RouterOutputs } from "@supportdesk/trpc";
import { CsvButton } from "./Figure";
import { duration, percent, type ReportQuery } from "./params";

type Overview = RouterOutputs["reports"]["overview"];

export function OverviewCards({ data, query }: { data: Overview; query: ReportQuery }) {
  const cards: [string, string, string?][] = [
    ["Created", String(data.created)],
    ["Resolved", String(data.resolved)],
    ["Backlog now", String(data.backlog), "open and pending"],
    [
      "First response",
      duration(data.firstResponse.median),
      `p90 ${duration(data.firstResponse.p90)}`,
    ],
    ["Resolution", duration(data.resolution.median), `p90 ${duration(data.resolution.p90)}`],
    ["SLA met", percent(data.sla.pctMet), `${data.sla.breached} breached`],
    [
      "CSAT",
      data.csat.average === null ? "—" : `${data.csat.average} / 5`,
      `${percent(data.csat.responseRate)} responded`,
    ],
  ];
  return (
    <section aria-labelledby="report-overview" className="sd-report-section">
      <h3 id="report-overview">
        Overview <CsvButton report="overview" query={query} />
      </h3>
      <dl className="sd-report-cards">
        {cards.map(([label, value, note]) => (
          <div key={label} className="sd-report-card">
            <dt>{label}</dt>
            <dd>
              <span className="sd-report-value">{value}</span>
              {note ? <span className="sd-report-note">{note}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
