// One report chart: a captioned figure (the chart is labelled for assistive technology), the data
// table under it as its text alternative, and the report's CSV download.
import type { ReactNode } from "react";
import { useState } from "react";
import { errorMessage, useTRPCClient } from "../../lib/trpc";
import { Button } from "../../ui";
import { download, type ReportQuery } from "./params";

export type ReportKind = "overview" | "volume" | "responseTimes" | "sla" | "csat";

export function CsvButton({ report, query }: { report: ReportKind; query: ReportQuery }) {
  const client = useTRPCClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <span className="sd-report-csv">
      <Button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            const file = await client.reports.export.query({ ...query, report });
            download(file.filename, file.csv);
          } catch (caught) {
            setError(errorMessage(caught));
          } finally {
            setBusy(false);
          }
        }}
      >
        Download CSV
      </Button>
      {error ? <span role="alert">{error}</span> : null}
    </span>
  );
}

export function Figure(props: {
  title: string;
  caption: string;
  chart: ReactNode;
  table: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <figure className="sd-report-figure">
      <figcaption>
        <strong>{props.title}</strong> <span>{props.caption}</span> {props.actions}
      </figcaption>
      <div className="sd-report-chart" role="img" aria-label={`${props.title}: ${props.caption}`}>
        {props.chart}
      </div>
      <details className="sd-report-data" open>
        <summary>Data: {props.title}</summary>
        {props.table}
      </details>
    </figure>
  );
}

/** A plain data table: a caption, column headings, rows of cells. */
export function DataTable(props: {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}) {
  return (
    <div className="sd-report-table">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td colSpan={props.columns.length}>Nothing in this range.</td>
            </tr>
          ) : (
            props.rows.map((row, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional, never reordered
              <tr key={index}>
                {row.map((cell, column) =>
                  column === 0 ? (
                    <th key={props.columns[column]} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={props.columns[column]}>{cell}</td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
