// The email settings form's state and what it sends, and the received-mail list's status filter
// (in the URL as `?status=`): the words each status reads as, and the input it becomes.
import type { RouterInputs, RouterOutputs } from "@supportdesk/trpc";

export type EmailSettings = RouterOutputs["email"]["settings"]["get"];
export type EmailSettingsUpdate = RouterInputs["email"]["settings"]["update"];
export type InboundEmail = RouterOutputs["email"]["inbound"]["list"]["data"][number];
export type InboundStatus = InboundEmail["status"];

/** The server's limits (`email.settings.update`). */
export const MAX_SENDER_NAME = 100;
export const MAX_SIGNATURE = 1000;

export type Form = { autoAcknowledge: boolean; senderName: string; signature: string };

export function formOf(settings: EmailSettings): Form {
  return {
    autoAcknowledge: settings.autoAcknowledge,
    senderName: settings.senderName ?? "",
    signature: settings.signature ?? "",
  };
}

/** What the form sends: every field (an emptied name or signature clears it). */
export function toUpdate(form: Form): EmailSettingsUpdate {
  return {
    autoAcknowledge: form.autoAcknowledge,
    senderName: form.senderName.trim() || null,
    signature: form.signature.trim() || null,
  };
}

/** Each status in words, in the filter's order (the ones admins act on first). */
export const STATUS_NAMES: Record<InboundStatus, string> = {
  quarantined: "Quarantined",
  received: "Waiting to be filed",
  processed: "Filed on a ticket",
  duplicate: "Duplicate",
  ignored: "Ignored",
  bounce: "Bounce",
  discarded: "Discarded",
};

export type StatusFilter = InboundStatus | "all";

export const STATUS_FILTERS: readonly StatusFilter[] = [
  ...(Object.keys(STATUS_NAMES) as InboundStatus[]),
  "all",
];

/** The default: what needs an admin. */
export const DEFAULT_FILTER: StatusFilter = "quarantined";

/** The filter named in the URL; anything else (or nothing) is the default. */
export function filterOf(param: string | null): StatusFilter {
  return STATUS_FILTERS.includes(param as StatusFilter) ? (param as StatusFilter) : DEFAULT_FILTER;
}

export function filterName(filter: StatusFilter): string {
  return filter === "all" ? "All received mail" : STATUS_NAMES[filter];
}

/** `email.inbound.list`'s status: none for "all". */
export function statusInput(filter: StatusFilter): { status?: InboundStatus } {
  return filter === "all" ? {} : { status: filter };
}

/** Who sent it, as well as we know: the From header once parsed, else the SMTP envelope. */
export function senderOf(email: Pick<InboundEmail, "fromAddress" | "envelopeFrom">): string {
  return email.fromAddress || email.envelopeFrom || "Unknown sender";
}

/** One of the tenant's own addresses as the editor holds it (a key for React, ids as chosen). */
export type AddressRow = {
  key: string;
  address: string;
  inquiryTypeId: string;
  assigneeId: string;
};

/** The server's limit on own addresses. */
export const MAX_OWN_ADDRESSES = 20;

let nextKey = 0;
const newKey = () => `address-${++nextKey}`;

export function addressRowsOf(settings: Pick<EmailSettings, "addresses">): AddressRow[] {
  return settings.addresses.map((a) => ({
    key: newKey(),
    address: a.address,
    inquiryTypeId: a.inquiryTypeId ?? "",
    assigneeId: a.assigneeId ?? "",
  }));
}

export function addAddressRow(rows: AddressRow[]): AddressRow[] {
  if (rows.length >= MAX_OWN_ADDRESSES) return rows;
  return [...rows, { key: newKey(), address: "", inquiryTypeId: "", assigneeId: "" }];
}

/** What the addresses editor sends: every row, trimmed; "none" chosen is null. */
export function addressesUpdate(rows: AddressRow[]): EmailSettingsUpdate {
  return {
    addresses: rows.map((r) => ({
      address: r.address.trim(),
      inquiryTypeId: r.inquiryTypeId || null,
      assigneeId: r.assigneeId || null,
    })),
  };
}
