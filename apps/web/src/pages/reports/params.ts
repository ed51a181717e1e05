// The Reports page's state, all of it in the URL: range (a preset or custom dates), interval,
// time zone (the browser's unless chosen) and filters, read into the reports procedures' input.
import type { RouterInputs } from "@supportdesk/trpc";

export type ReportQuery = RouterInputs["reports"]["overview"];
export type Interval = NonNullable<ReportQuery["interval"]>;
export type Filters = NonNullable<ReportQuery["filters"]>;

export const PRESETS = [7, 30, 90] as const;
export const INTERVALS: Interval[] = ["day", "week", "month"];
export const FILTER_KEYS = ["teamId", "assigneeId", "tag", "channel"] as const;

export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** Today (or `days` before it) as YYYY-MM-DD in `zone`. */
export function localDay(zone: string, daysBack = 0, now = new Date()): string {
  const shifted = new Date(now.getTime() - daysBack * 86_400_000);
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(shifted);
}

const isDay = (value: string | null): value is string =>
  !!value && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The input every report gets, from the URL (defaults: the last 30 days by day, here). */
export function queryOf(params: URLSearchParams, now = new Date()): ReportQuery {
  const timezone = params.get("tz") || browserZone();
  const preset = Number(params.get("range") ?? "30");
  const custom = isDay(params.get("from")) && isDay(params.get("to"));
  const days = PRESETS.includes(preset as (typeof PRESETS)[number]) ? preset : 30;
  const interval = INTERVALS.find((i) => i === params.get("interval")) ?? "day";
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) (filters as Record<string, string>)[key] = value;
  }
  return {
    from: custom ? (params.get("from") as string) : localDay(timezone, days - 1, now),
    to: custom ? (params.get("to") as string) : localDay(timezone, 0, now),
    timezone,
    interval,
    filters,
  };
}

/** The search params with `changes` applied (empty values removed). */
export function withParams(params: URLSearchParams, changes: Record<string, string | null>) {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

/** Seconds as a person reads a duration: "45 s", "12 min", "3.5 h", "2.1 d". */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

export const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : `${value}%`;

/** Saves text as a file through a Blob and a temporary download link. */
export function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
