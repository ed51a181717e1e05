// The email channel's settings per tenant: acknowledgements on or off, the sender's name, the
// signature on replies, and the tenant's own addresses that forward to its support address (each
// with a default inquiry type and assignee); stored in tenants.settings.email, every field checked
// again on reading.
import { eq, type TenantDb, tenants } from "@supportdesk/database";

export type EmailSettings = {
  autoAcknowledge: boolean;
  /** The From name on mail to customers; null: the tenant's display name. */
  senderName: string | null;
  /** Plain text under every reply; null: none. */
  signature: string | null;
  /** The tenant's own addresses (e.g. help@acme.example) forwarding to its support address. */
  addresses: OwnAddress[];
};

export type OwnAddress = {
  /** Lower-cased. */
  address: string;
  /** A help-centre inquiry type new tickets to this address get (priority, tags), or null. */
  inquiryTypeId: string | null;
  /** Who new tickets to this address go to first, or null. */
  assigneeId: string | null;
};

export const MAX_OWN_ADDRESSES = 20;

export const MAX_SIGNATURE_LENGTH = 1000;

/** Settings from stored JSON (written by many hands over time): defaults for anything odd. */
export function normaliseEmailSettings(stored: unknown): EmailSettings {
  const s = (stored && typeof stored === "object" ? stored : {}) as Record<string, unknown>;
  const text = (value: unknown, max: number) =>
    typeof value === "string" && value.trim() ? value.trim().slice(0, max) : null;
  return {
    autoAcknowledge: s.autoAcknowledge !== false,
    senderName: text(s.senderName, 100),
    signature: text(s.signature, MAX_SIGNATURE_LENGTH),
    addresses: Array.isArray(s.addresses)
      ? s.addresses
          .flatMap((a): OwnAddress[] => {
            if (!a || typeof a !== "object") return [];
            const v = a as Record<string, unknown>;
            if (typeof v.address !== "string" || !v.address.includes("@")) return [];
            return [
              {
                address: v.address.trim().toLowerCase().slice(0, 254),
                inquiryTypeId: typeof v.inquiryTypeId === "string" ? v.inquiryTypeId : null,
                assigneeId: typeof v.assigneeId === "string" ? v.assigneeId : null,
              },
            ];
          })
          .slice(0, MAX_OWN_ADDRESSES)
      : [],
  };
}

/**
 * The tenant's own address a message was sent to, if any: the forwarding headers first
 * (Delivered-To, X-Forwarded-To, X-Original-To), then To and Cc.
 */
export function ownAddressOf(
  settings: Pick<EmailSettings, "addresses">,
  mail: { headers: Record<string, string>; to: { address: string }[]; cc: { address: string }[] },
): OwnAddress | undefined {
  const named = [
    ...["delivered-to", "x-forwarded-to", "x-original-to"].flatMap(
      (h) => (mail.headers[h] ?? "").toLowerCase().match(/[^\s<>,;"]+@[^\s<>,;"]+/g) ?? [],
    ),
    ...mail.to.map((a) => a.address),
    ...mail.cc.map((a) => a.address),
  ];
  for (const address of named) {
    const own = settings.addresses.find((a) => a.address === address);
    if (own) return own;
  }
  return undefined;
}

/** The transaction's tenant's email settings. */
export async function emailSettingsOf(tx: TenantDb, tenantId: string): Promise<EmailSettings> {
  const [row] = await tx
    .select({ settings: tenants.settings })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return normaliseEmailSettings(row?.settings.email);
}
