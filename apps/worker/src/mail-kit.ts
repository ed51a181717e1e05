// What the worker's email handlers share: their dependencies, the tenant's brand (name, colour,
// help-centre address, email settings), the customer's link, and one `send` that gives every
// attempt of a job the same Message-ID.
import type { Redis } from "@supportdesk/cache";
import { type Database, eq, tenants } from "@supportdesk/database";
import {
  type Brand,
  MailError,
  type Mailer,
  type OutgoingEmail,
  renderEmail,
  type TemplateData,
  type TemplateName,
} from "@supportdesk/email";
import type { JobContext } from "@supportdesk/queue";
import { email, helpCentre } from "@supportdesk/services";
import type { BlobStore } from "@supportdesk/storage";
import { UnrecoverableError } from "bullmq";

export type HandlerDeps = {
  db: Database;
  mailer: Mailer;
  /** Publishes realtime events (any Redis connection not in subscriber mode). */
  publisher: Redis;
  /** The web app's URL, for links in emails. */
  appUrl: string;
  /** Raw inbound mail and attachments. */
  storage: BlobStore;
  /** Our inbound domain: Reply-To addresses and our Message-IDs are on it. */
  inboundDomain: string;
  /** How often each tenant's service-level sweep runs (SERVICE_LEVEL_SWEEP_SECONDS). */
  sweepEveryMs?: number;
};

export const PLATFORM_BRAND: Brand = { name: "SupportDesk" };

export type TenantBrand = Brand & {
  slug: string;
  helpCentre: string;
  settings: ReturnType<typeof email.normaliseEmailSettings>;
};

/**
 * The tenant's brand: its display name (or name) and colour, for emails sent on its behalf; where
 * its help centre is, for the customer's links; and its email settings (sender name, signature).
 */
export async function brandOf(deps: HandlerDeps, tenantId: string): Promise<TenantBrand> {
  const [tenant] = await deps.db.platform
    .select({
      name: tenants.name,
      slug: tenants.slug,
      settings: tenants.settings,
      customDomain: tenants.customDomain,
      verifiedAt: tenants.customDomainVerifiedAt,
    })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!tenant) throw new UnrecoverableError("the tenant no longer exists");
  const verifiedDomain = tenant.customDomain && tenant.verifiedAt ? tenant.customDomain : null;
  return {
    name: tenant.settings.branding?.displayName || tenant.name,
    slug: tenant.slug,
    helpCentre: helpCentre.helpCentreUrl({ slug: tenant.slug, verifiedDomain }, deps.appUrl),
    settings: email.normaliseEmailSettings(tenant.settings.email),
    ...(tenant.settings.branding?.primaryColor
      ? { primaryColor: tenant.settings.branding.primaryColor }
      : {}),
  };
}

/** The customer's link to their ticket, when the job carries one (jobs from before links do not). */
export function ticketLink(brand: { helpCentre: string }, token: unknown): { url?: string } {
  return typeof token === "string" && token
    ? { url: `${brand.helpCentre}/tickets/${encodeURIComponent(token)}` }
    : {};
}

/** The Message-ID of the email a job sends: the same on every attempt, on our inbound domain. */
export const messageIdOf = (deps: HandlerDeps, job: JobContext): string =>
  `${job.id}@${deps.inboundDomain}`;

/** Threading and other envelope fields a ticket email adds. */
export type Envelope = Pick<
  OutgoingEmail,
  "cc" | "replyTo" | "inReplyTo" | "references" | "fromName" | "envelopeFrom" | "attachments"
> & { headers?: Record<string, string> };

/**
 * Renders and sends one email with a Message-ID derived from the job id, so every attempt of a
 * job sends the same message. A permanent SMTP refusal fails the job at once (no retries).
 */
export async function send<T extends TemplateName>(
  deps: HandlerDeps,
  job: JobContext,
  to: string,
  template: T,
  data: TemplateData[T],
  brand: Brand,
  envelope: Envelope = {},
) {
  const rendered = renderEmail(template, data, brand);
  const { headers, ...rest } = envelope;
  try {
    const { messageId } = await deps.mailer.send({
      to,
      ...rendered,
      fromName: brand.name,
      ...rest,
      messageId: `<${messageIdOf(deps, job)}>`,
      headers: { "X-SupportDesk-Job": job.id, ...headers },
    });
    job.log.info({ template }, "email sent");
    return { messageId, template };
  } catch (error) {
    if (error instanceof MailError && !error.retryable) throw new UnrecoverableError(error.message);
    throw error;
  }
}

export const str = (value: unknown): string => String(value);
