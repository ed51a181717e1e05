// What a notification says, read defensively from its stored payload.
import type { RouterOutputs } from "@supportdesk/trpc";

export type NotificationItem = RouterOutputs["notifications"]["list"]["data"][number];

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

export const TYPE_LABEL: Record<string, string> = {
  "ticket.created": "New ticket",
  "ticket.assigned": "Assigned to you",
  "ticket.unassigned": "No longer yours",
  "ticket.updated": "Ticket updated",
  "message.created": "New reply",
  "note.created": "Internal note",
};

export function describe(item: NotificationItem) {
  const p = item.payload;
  const number = typeof p.number === "number" ? `#${p.number}` : "";
  const subject = str(p.subject) ?? "";
  return {
    title:
      str(p.title) ?? (`${TYPE_LABEL[item.type] ?? "Update"} ${number}`.trim() || "Notification"),
    detail: [number, subject].filter(Boolean).join(" · "),
    actor: str(p.actorName),
    ticketId: str(p.ticketId),
    kind: TYPE_LABEL[item.type] ?? item.type,
  };
}

export function ticketHref(slug: string | undefined, item: NotificationItem): string {
  const ticketId = describe(item).ticketId;
  return ticketId ? `/t/${slug}/tickets/${ticketId}` : `/t/${slug}/notifications`;
}
