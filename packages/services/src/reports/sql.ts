// SQL pieces the report queries share: range conditions, percentiles, label look-ups, numbers.
import { type SQL, sql } from "@supportdesk/database";
import type { ReportRange } from "./range";

/** `column` falls inside the report's range (half-open, so an index range scan serves it). */
export const within = (range: ReportRange, column: SQL): SQL =>
  sql`(${column} >= ${range.start}::timestamptz and ${column} < ${range.end}::timestamptz)`;

/** Median and p90 of `column` over the rows `where` keeps (null when none). */
export const percentiles = (column: SQL, where: SQL = sql`true`): SQL => sql`
  percentile_cont(0.5) within group (order by ${column}) filter (where ${where}) as median,
  percentile_cont(0.9) within group (order by ${column}) filter (where ${where}) as p90`;

/** A person's name (users is a platform table every tenant transaction may read). */
export const userName = (id: SQL): SQL => sql`(select u.name from users u where u.id = ${id})`;
export const teamName = (id: SQL): SQL =>
  sql`(select t.name from teams t where t.tenant_id = current_setting('app.tenant_id')::uuid and t.id = ${id})`;
/** An inquiry type's name from the tenant's help-centre settings. */
export const inquiryTypeName = (id: SQL): SQL => sql`(select it->>'name'
  from tenants tn, jsonb_array_elements(coalesce(tn.settings->'helpCentre'->'inquiryTypes', '[]'::jsonb)) it
  where tn.id = current_setting('app.tenant_id')::uuid and it->>'id' = ${id})`;

/** A numeric result (PostgreSQL's numeric and bigint arrive as strings) or null. */
export const num = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
/** A percentile in whole seconds, or null. */
export const secs = (value: unknown): number | null => {
  const n = num(value);
  return n === null ? null : Math.round(n);
};
/** part / whole as a percentage with one decimal, null when whole is 0. */
export const pct = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
/** An average with two decimals, or null. */
export const avg = (value: unknown): number | null => {
  const n = num(value);
  return n === null ? null : Math.round(n * 100) / 100;
};

/** One dimension's row: its key, a label a person reads, and figures. */
export type Labelled = { key: string | null; label: string };
export const label = (key: string | null, name: string | null, none: string): Labelled => ({
  key,
  label: key === null ? none : (name ?? key),
});
