// The email channel's settings per tenant: acknowledgements on or off, the sender's name and the
// signature on replies; stored in tenants.settings.email, every field checked again on reading.
import { eq, type TenantDb, tenants } from "@supportdesk/database";

export type EmailSettings = {
  autoAcknowledge: boolean;
  /** The From name on mail to customers; null: the tenant's display name. */
  senderName: string | null;
  /** Plain text under every reply; null: none. */
  signature: string | null;
};

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
  };
}

/** The transaction's tenant's email settings. */
export async function emailSettingsOf(tx: TenantDb, tenantId: string): Promise<EmailSettings> {
  const [row] = await tx
    .select({ settings: tenants.settings })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return normaliseEmailSettings(row?.settings.email);
}
