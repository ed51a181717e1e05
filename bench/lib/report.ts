// The table of figures and targets printed at the end of a run.

export type Row = {
  figure: string;
  value: string;
  target?: string;
  /** true pass, false miss, undefined: no target. */
  pass?: boolean | undefined;
};

export const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)} ms` : "n/a");
export const num = (value: number, digits = 1) =>
  Number.isFinite(value)
    ? value.toLocaleString("en-US", {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      })
    : "n/a";

export function formatTable(rows: Row[]): string {
  const headers = ["Figure", "Value", "Target", "Result"];
  const cells = rows.map((r) => [
    r.figure,
    r.value,
    r.target ?? "",
    r.pass === undefined ? "" : r.pass ? "pass" : "MISS",
  ]);
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)),
  );
  const line = (values: string[]) =>
    values
      .map((v, i) => (i === 1 ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join(
    "\n",
  );
}
