// A ticket's SLA: its next due time and state (on track, due soon, breached, paused, met), always
// in words ("Breached 12 min ago", "Due in 2 hours") besides the colour; the list's chip too.
import type { SlaMetric, TicketSla } from "@supportdesk/domain";
import type { CSSProperties } from "react";
import { absoluteTime, relativeTime, type TicketDetail } from "./shared";

/** Colours back the words up (never alone); inline so the chip carries no stylesheet of its own. */
const TONE: Record<NonNullable<TicketSla>["state"], CSSProperties> = {
  breached: { background: "#fde2e1", color: "#8a1c14", borderColor: "#f3a29c" },
  due_soon: { background: "#fff1d6", color: "#7a4b00", borderColor: "#f5c46b" },
  on_track: { background: "#e3f4e8", color: "#1d5e32", borderColor: "#9fd5b0" },
  paused: { background: "#eceff3", color: "#3d4756", borderColor: "#c8cfd9" },
  met: { background: "#eceff3", color: "#3d4756", borderColor: "#c8cfd9" },
};
const chip = (state: NonNullable<TicketSla>["state"]): CSSProperties => ({
  ...TONE[state],
  display: "inline-block",
  border: "1px solid",
  borderRadius: 999,
  padding: "0 0.5em",
  fontSize: "0.8em",
  lineHeight: 1.6,
  whiteSpace: "nowrap",
});

const METRIC: Record<SlaMetric, string> = {
  first_response: "First response",
  next_response: "Next response",
  resolution: "Resolution",
};

/** The state in words, with the due time relative to now ("Breached 12 minutes ago"). */
export function slaText(sla: NonNullable<TicketSla>, now = Date.now()): string {
  const when = sla.dueAt ? relativeTime(sla.dueAt, now) : "";
  switch (sla.state) {
    case "breached":
      return `Breached ${when}`;
    case "due_soon":
      return `Due soon, ${when}`;
    case "on_track":
      return `Due ${when}`;
    case "paused":
      return "Paused, waiting on the customer";
    case "met":
      return "Met";
  }
}

/** The compact chip the inbox rows show (nothing when no policy applies). */
export function SlaChip({ sla }: { sla: TicketSla }) {
  if (!sla) return null;
  return (
    <span
      className={`sla-chip sla-${sla.state}`}
      style={chip(sla.state)}
      title={`${METRIC[sla.target]}${sla.dueAt ? ` due ${absoluteTime(sla.dueAt)}` : ""}`}
    >
      SLA: {slaText(sla)}
    </span>
  );
}

/** The ticket sidebar's SLA line: what is measured next, its state and due time. */
export function SlaBadge({ ticket }: { ticket: TicketDetail }) {
  const sla = ticket.sla;
  if (!sla) return null;
  return (
    <div className="prop sla-prop">
      <span className="field-label">SLA · {METRIC[sla.target]}</span>
      <span className={`sla-chip sla-${sla.state}`} style={chip(sla.state)}>
        {sla.dueAt ? (
          <time dateTime={sla.dueAt} title={absoluteTime(sla.dueAt)}>
            {slaText(sla)}
          </time>
        ) : (
          slaText(sla)
        )}
      </span>
    </div>
  );
}
