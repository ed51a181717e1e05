// The email channel as admins run it (`email.manage`): the tenant's addresses and settings, and the
// received mail — quarantined messages retried or discarded, any message's original downloaded.
import {
  and,
  desc,
  eq,
  inboundEmails,
  lt,
  type TenantSettings,
  tenants,
} from "@supportdesk/database";
import { enqueue, inboundEmailJob } from "@supportdesk/queue";
import { audit } from "../audit";
import { authorize, type TenantScope } from "../context";
import { AppError, notFound } from "../errors";
import { normaliseSettings } from "../helpcentre/settings";
import { isAssignable } from "../members";
import {
  type EmailSettings,
  MAX_OWN_ADDRESSES,
  MAX_SIGNATURE_LENGTH,
  normaliseEmailSettings,
  type OwnAddress,
} from "./settings";

export type EmailSettingsView = EmailSettings & {
  /** The tenant's own support address, and the domain its ticket addresses are on. */
  address: string;
  inboundDomain: string;
};

async function tenantRow(scope: TenantScope) {
  const [row] = await scope.tx
    .select({ slug: tenants.slug, settings: tenants.settings })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId));
  if (!row) throw notFound("Tenant");
  return row;
}

const viewOf = (settings: EmailSettings, slug: string, inboundDomain: string) => ({
  ...settings,
  address: `${slug}@${inboundDomain}`,
  inboundDomain,
});

export async function getEmailSettings(
  scope: TenantScope,
  input: { inboundDomain: string },
): Promise<EmailSettingsView> {
  authorize(scope, "email.manage");
  const row = await tenantRow(scope);
  return viewOf(normaliseEmailSettings(row.settings.email), row.slug, input.inboundDomain);
}

export type EmailSettingsUpdate = {
  autoAcknowledge?: boolean | undefined;
  senderName?: string | null | undefined;
  signature?: string | null | undefined;
  /** Replaces the tenant's own addresses. */
  addresses?: OwnAddress[] | undefined;
};

/** Checks the tenant's own addresses: not ours, not twice, real inquiry types and assignees. */
async function checkAddresses(
  scope: TenantScope,
  addresses: OwnAddress[],
  inboundDomain: string,
  inquiryTypeIds: Set<string>,
): Promise<OwnAddress[]> {
  if (addresses.length > MAX_OWN_ADDRESSES) {
    throw new AppError("BAD_REQUEST", `addresses: at most ${MAX_OWN_ADDRESSES}.`, {
      field: "addresses",
    });
  }
  const seen = new Set<string>();
  const out: OwnAddress[] = [];
  for (const [index, a] of addresses.entries()) {
    const address = a.address.trim().toLowerCase();
    const field = `addresses.${index}`;
    if (address.endsWith(`@${inboundDomain}`) || seen.has(address)) {
      throw new AppError(
        "BAD_REQUEST",
        seen.has(address)
          ? "This address is listed twice."
          : "This is already a SupportDesk address: add your own domain's addresses here.",
        { field: `${field}.address` },
      );
    }
    seen.add(address);
    if (a.inquiryTypeId && !inquiryTypeIds.has(a.inquiryTypeId)) {
      throw new AppError("BAD_REQUEST", "No such inquiry type (Settings → Help centre).", {
        field: `${field}.inquiryTypeId`,
      });
    }
    if (a.assigneeId && !(await isAssignable(scope, a.assigneeId))) {
      throw new AppError(
        "BAD_REQUEST",
        "The default assignee must be a member of this organisation who works tickets.",
        { field: `${field}.assigneeId` },
      );
    }
    out.push({ address, inquiryTypeId: a.inquiryTypeId ?? null, assigneeId: a.assigneeId ?? null });
  }
  return out;
}

/** Fields left out are kept; null or "" clears a name or signature. */
export async function updateEmailSettings(
  scope: TenantScope,
  input: EmailSettingsUpdate & { inboundDomain: string },
): Promise<EmailSettingsView> {
  authorize(scope, "email.manage");
  if (input.signature && input.signature.length > MAX_SIGNATURE_LENGTH) {
    throw new AppError(
      "BAD_REQUEST",
      `signature may be at most ${MAX_SIGNATURE_LENGTH} characters.`,
      {
        field: "signature",
      },
    );
  }
  const row = await tenantRow(scope);
  const before = normaliseEmailSettings(row.settings.email);
  const inquiryTypeIds = new Set(
    normaliseSettings(row.settings.helpCentre).inquiryTypes.map((t) => t.id),
  );
  const next: EmailSettings = {
    addresses: input.addresses
      ? await checkAddresses(scope, input.addresses, input.inboundDomain, inquiryTypeIds)
      : before.addresses,
    autoAcknowledge: input.autoAcknowledge ?? before.autoAcknowledge,
    senderName:
      input.senderName === undefined ? before.senderName : input.senderName?.trim() || null,
    signature: input.signature === undefined ? before.signature : input.signature?.trim() || null,
  };
  const stored: NonNullable<TenantSettings["email"]> = {
    autoAcknowledge: next.autoAcknowledge,
    ...(next.senderName ? { senderName: next.senderName } : {}),
    ...(next.signature ? { signature: next.signature } : {}),
    ...(next.addresses.length > 0 ? { addresses: next.addresses } : {}),
  };
  await scope.tx
    .update(tenants)
    .set({ settings: { ...row.settings, email: stored } })
    .where(eq(tenants.id, scope.tenantId));
  const fields = (["autoAcknowledge", "senderName", "signature", "addresses"] as const).filter(
    (key) => input[key] !== undefined,
  );
  await audit(scope, "email.settings.update", { type: "tenant", id: scope.tenantId }, { fields });
  return viewOf(next, row.slug, input.inboundDomain);
}

const listed = {
  id: inboundEmails.id,
  status: inboundEmails.status,
  reason: inboundEmails.reason,
  fromAddress: inboundEmails.fromAddress,
  envelopeFrom: inboundEmails.envelopeFrom,
  recipient: inboundEmails.recipient,
  subject: inboundEmails.subject,
  size: inboundEmails.size,
  ticketId: inboundEmails.ticketId,
  attempts: inboundEmails.attempts,
  receivedAt: inboundEmails.receivedAt,
  processedAt: inboundEmails.processedAt,
};

type InboundStatus = (typeof inboundEmails.status.enumValues)[number];

/** Received mail, newest first, optionally of one status; `before` is the last id of a page. */
export async function listInbound(
  scope: TenantScope,
  input: { status?: InboundStatus | undefined; before?: string | undefined; limit: number },
) {
  authorize(scope, "email.manage");
  const rows = await scope.tx
    .select(listed)
    .from(inboundEmails)
    .where(
      and(
        input.status ? eq(inboundEmails.status, input.status) : undefined,
        input.before ? lt(inboundEmails.id, input.before) : undefined,
      ),
    )
    .orderBy(desc(inboundEmails.id))
    .limit(input.limit + 1);
  return {
    data: rows.slice(0, input.limit),
    nextCursor: rows.length > input.limit ? (rows[input.limit - 1]?.id ?? null) : null,
  };
}

async function quarantined(scope: TenantScope, id: string) {
  const [row] = await scope.tx
    .select({ status: inboundEmails.status })
    .from(inboundEmails)
    .where(eq(inboundEmails.id, id))
    .for("update");
  if (!row) throw notFound("Email");
  if (row.status !== "quarantined") {
    throw new AppError(
      "CONFLICT",
      `Only a quarantined email can be retried or discarded (this one is ${row.status}).`,
    );
  }
}

/** Files a quarantined message again (after a fix, or a passing trouble). */
export async function retryInbound(scope: TenantScope, input: { id: string }) {
  authorize(scope, "email.manage");
  await quarantined(scope, input.id);
  await scope.tx
    .update(inboundEmails)
    .set({ status: "received", reason: null, processedAt: null })
    .where(eq(inboundEmails.id, input.id));
  await enqueue(scope.tx, inboundEmailJob, { tenantId: scope.tenantId, inboundEmailId: input.id });
  await audit(scope, "email.inbound.retry", { type: "inbound_email", id: input.id });
  return { id: input.id, status: "received" as const };
}

/** Sets a quarantined message aside for good (its original stays downloadable). */
export async function discardInbound(scope: TenantScope, input: { id: string }) {
  authorize(scope, "email.manage");
  await quarantined(scope, input.id);
  await scope.tx
    .update(inboundEmails)
    .set({ status: "discarded" })
    .where(eq(inboundEmails.id, input.id));
  await audit(scope, "email.inbound.discard", { type: "inbound_email", id: input.id });
  return { id: input.id, status: "discarded" as const };
}

/** Where a received message's original is, for a download link (admins, any message). */
export async function originalOf(scope: TenantScope, input: { id: string }) {
  authorize(scope, "email.manage");
  const [row] = await scope.tx
    .select({ storageKey: inboundEmails.storageKey })
    .from(inboundEmails)
    .where(eq(inboundEmails.id, input.id));
  if (!row) throw notFound("Email");
  return { storageKey: row.storageKey, filename: `${input.id}.eml`, contentType: "message/rfc822" };
}

/**
 * The original of a message filed on a ticket ("view original"), for anyone who reads tickets:
 * found through the message, so only mail that became part of a ticket is reachable this way.
 */
export async function messageOriginalOf(scope: TenantScope, input: { messageId: string }) {
  authorize(scope, "ticket.read");
  const [row] = await scope.tx
    .select({ storageKey: inboundEmails.storageKey, id: inboundEmails.id })
    .from(inboundEmails)
    .where(eq(inboundEmails.ticketMessageId, input.messageId));
  if (!row) throw notFound("Original email");
  return { storageKey: row.storageKey, filename: `${row.id}.eml`, contentType: "message/rfc822" };
}
