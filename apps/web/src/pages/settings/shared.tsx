// Pieces the settings screens share: dates, a labelled select, a two-step confirm, a page header.
import type { ReactNode } from "react";
import { useState } from "react";
import { Button } from "../../ui";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "short",
});
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

function toDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A date in a <time> element; the full timestamp on hover. */
export function When({
  value,
  withTime = false,
  empty = "—",
}: {
  value: string | Date | null | undefined;
  withTime?: boolean;
  empty?: string;
}) {
  const date = toDate(value);
  if (!date) return <span className="sd-muted">{empty}</span>;
  return (
    <time dateTime={date.toISOString()} title={dateTimeFormat.format(date)}>
      {(withTime ? dateTimeFormat : dateFormat).format(date)}
    </time>
  );
}

/** "3 minutes ago", "in 2 days". */
export function fromNow(value: string | Date | null | undefined): string {
  const date = toDate(value);
  if (!date) return "";
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return "just now";
  if (abs < 3600) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), "hour");
  if (abs < 86400 * 30) return relative.format(Math.round(seconds / 86400), "day");
  return dateFormat.format(date);
}

export function Ago({ value }: { value: string | Date | null | undefined }) {
  const date = toDate(value);
  if (!date) return <span className="sd-muted">—</span>;
  return (
    <time dateTime={date.toISOString()} title={dateTimeFormat.format(date)}>
      {fromNow(date)}
    </time>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="sd-page-header">
      <h2>{title}</h2>
      {children ? <div className="sd-page-intro">{children}</div> : null}
    </div>
  );
}

/** An inline error under an action (announced). */
export function InlineError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div className="sd-inline-error" role="alert">
      {message}
    </div>
  );
}

/**
 * A button that asks first: the first press shows the question with "Confirm"/"Cancel" in place,
 * so nothing destructive happens on one click (and no modal traps focus).
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel = "Confirm",
  busy = false,
  variant = "secondary",
  onConfirm,
  "aria-label": ariaLabel,
}: {
  label: string;
  question: string;
  confirmLabel?: string;
  busy?: boolean;
  variant?: "secondary" | "danger" | "ghost";
  onConfirm: () => void;
  "aria-label"?: string;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button
        type="button"
        variant={variant}
        busy={busy}
        aria-label={ariaLabel}
        onClick={() => setAsking(true)}
        className={`btn btn-${variant} sd-small`}
      >
        {label}
      </Button>
    );
  }
  return (
    <span className="sd-confirm">
      <span className="sd-confirm-question">{question}</span>
      <Button
        type="button"
        variant="danger"
        className="btn btn-danger sd-small"
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </Button>
      <Button
        type="button"
        variant="ghost"
        className="btn btn-ghost sd-small"
        onClick={() => setAsking(false)}
      >
        Cancel
      </Button>
    </span>
  );
}

/**
 * The server's message for one input field (zod's `fieldErrors` or an AppError's `field`), or
 * null. `name` matches the last segment of the path ("logoUrl" matches "branding.logoUrl").
 */
export function messageFor(error: unknown, name: string): string | null {
  if (!error || typeof error !== "object" || !("data" in error)) return null;
  const data = (
    error as { data?: { field?: string | null; fieldErrors?: Record<string, string> | null } }
  ).data;
  const matches = (key: string) => key === name || key.endsWith(`.${name}`);
  for (const [key, message] of Object.entries(data?.fieldErrors ?? {})) {
    if (matches(key)) return capitalise(message);
  }
  if (data?.field && matches(data.field) && error instanceof Error) {
    return error.message.replace(/^[\w.]+: /, "");
  }
  return null;
}

/** Whether the error belongs to a field (so the generic message need not repeat it). */
export function hasFieldError(error: unknown): boolean {
  if (!error || typeof error !== "object" || !("data" in error)) return false;
  const data = (error as { data?: { field?: string | null } }).data;
  return Boolean(data?.field);
}

function capitalise(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
