// The worker's job handlers: emails (rendered per tenant brand) and ticket events (notifications).

import type { Redis } from "@supportdesk/cache";
import {
  and,
  customers,
  type Database,
  eq,
  messages,
  notifications,
  tenants,
  tickets,
  users,
} from "@supportdesk/database";
import {
  type Brand,
  MailError,
  type Mailer,
  renderEmail,
  type TemplateData,
  type TemplateName,
} from "@supportdesk/email";
import type { JobContext, JobHandler } from "@supportdesk/queue";
import { publishEvent } from "@supportdesk/realtime";
import { helpCentre, notifications as notificationService } from "@supportdesk/services";
import { UnrecoverableError } from "bullmq";

export type HandlerDeps = {
  db: Database;
  mailer: Mailer;
  /** Publishes realtime events (any Redis connection not in subscriber mode). */
  publisher: Redis;
  /** The web app's URL, for links in emails. */
  appUrl: string;
};

const PLATFORM_BRAND: Brand = { name: "SupportDesk" };

/**
 * The tenant's brand: its display name (or name) and colour, for emails sent on its behalf; and
 * where its help centre is, for the customer's links.
 */
async function brandOf(
  deps: HandlerDeps,
  tenantId: string,
): Promise<Brand & { slug: string; helpCentre: string }> {
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
    ...(tenant.settings.branding?.primaryColor
      ? { primaryColor: tenant.settings.branding.primaryColor }
      : {}),
  };
}

/** The customer's link to their ticket, when the job carries one (jobs from before links do not). */
function ticketLink(brand: { helpCentre: string }, token: unknown): { url?: string } {
  return typeof token === "string" && token
    ? { url: `${brand.helpCentre}/tickets/${encodeURIComponent(token)}` }
    : {};
}

/**
 * Renders and sends one email with a Message-ID derived from the job id, so every attempt of a
 * job sends the same message. A permanent SMTP refusal fails the job at once (no retries).
 */
async function send<T extends TemplateName>(
  deps: HandlerDeps,
  job: JobContext,
  to: string,
  template: T,
  data: TemplateData[T],
  brand: Brand,
) {
  const rendered = renderEmail(template, data, brand);
  try {
    const { messageId } = await deps.mailer.send({
      to,
      ...rendered,
      fromName: brand.name,
      messageId: `<${job.id}@supportdesk>`,
      headers: { "X-SupportDesk-Job": job.id },
    });
    job.log.info({ template }, "email sent");
    return { messageId, template };
  } catch (error) {
    if (error instanceof MailError && !error.retryable) throw new UnrecoverableError(error.message);
    throw error;
  }
}

const str = (value: unknown): string => String(value);

/**
 * Every job name the worker handles.
 *
 * @example
 * startWorkers({ db, handlers: createHandlers({ db, mailer, publisher, appUrl }), … });
 */
export function createHandlers(deps: HandlerDeps): Record<string, JobHandler> {
  const link = (path: string) => new URL(path, deps.appUrl).toString();
  return {
    "email.verify": (job) =>
      send(
        deps,
        job,
        str(job.payload.email),
        "verify-email",
        {
          name: str(job.payload.name),
          url: link(`/verify-email?token=${encodeURIComponent(str(job.payload.token))}`),
        },
        PLATFORM_BRAND,
      ),

    "email.account-exists": (job) =>
      send(
        deps,
        job,
        str(job.payload.email),
        "account-exists",
        { name: str(job.payload.name), url: link("/login"), resetUrl: link("/forgot-password") },
        PLATFORM_BRAND,
      ),

    "email.password-reset": (job) =>
      send(
        deps,
        job,
        str(job.payload.email),
        "password-reset",
        {
          name: str(job.payload.name),
          url: link(`/reset-password?token=${encodeURIComponent(str(job.payload.token))}`),
        },
        PLATFORM_BRAND,
      ),

    "email.invitation": async (job) =>
      send(
        deps,
        job,
        str(job.payload.email),
        "invitation",
        {
          inviterName: str(job.payload.inviterName),
          role: str(job.payload.role),
          email: str(job.payload.email),
          url: link(`/invite/${encodeURIComponent(str(job.payload.token))}`),
        },
        await brandOf(deps, str(job.tenantId)),
      ),

    "email.ticket-created": async (job) => {
      const tenantId = str(job.tenantId);
      const row = await deps.db.withTenant(tenantId, async (tx) => {
        const [found] = await tx
          .select({
            number: tickets.number,
            subject: tickets.subject,
            email: customers.email,
            name: customers.name,
          })
          .from(tickets)
          .innerJoin(
            customers,
            and(eq(customers.tenantId, tickets.tenantId), eq(customers.id, tickets.customerId)),
          )
          .where(eq(tickets.id, str(job.payload.ticketId)));
        return found;
      });
      if (!row) return { skipped: "ticket or customer gone" };
      const brand = await brandOf(deps, tenantId);
      return send(
        deps,
        job,
        row.email,
        "ticket-created",
        {
          customerName: row.name,
          number: row.number,
          subject: row.subject,
          ...ticketLink(brand, job.payload.linkToken),
        },
        brand,
      );
    },

    "email.ticket-reply": async (job) => {
      const tenantId = str(job.tenantId);
      const row = await deps.db.withTenant(tenantId, async (tx) => {
        const [found] = await tx
          .select({
            number: tickets.number,
            subject: tickets.subject,
            email: customers.email,
            customerName: customers.name,
            body: messages.body,
            isInternal: messages.isInternal,
            agentName: users.name,
          })
          .from(messages)
          .innerJoin(
            tickets,
            and(eq(tickets.tenantId, messages.tenantId), eq(tickets.id, messages.ticketId)),
          )
          .innerJoin(
            customers,
            and(eq(customers.tenantId, tickets.tenantId), eq(customers.id, tickets.customerId)),
          )
          .leftJoin(users, eq(users.id, messages.authorUserId))
          .where(eq(messages.id, str(job.payload.messageId)));
        return found;
      });
      // An internal note never leaves the building, whatever the job says.
      if (!row || row.isInternal) return { skipped: "message gone or internal" };
      const brand = await brandOf(deps, tenantId);
      return send(
        deps,
        job,
        row.email,
        "ticket-reply",
        {
          customerName: row.customerName,
          number: row.number,
          subject: row.subject,
          agentName: row.agentName ?? "Support",
          body: row.body,
          ...ticketLink(brand, job.payload.linkToken),
        },
        brand,
      );
    },

    "email.agent-notification": async (job) => {
      const tenantId = str(job.tenantId);
      const brand = await brandOf(deps, tenantId);
      const row = await deps.db.withTenant(tenantId, async (tx) => {
        const [found] = await tx
          .select({ payload: notifications.payload, email: users.email, name: users.name })
          .from(notifications)
          .innerJoin(users, eq(users.id, notifications.userId))
          .where(eq(notifications.id, str(job.payload.notificationId)));
        return found;
      });
      if (!row) return { skipped: "notification gone" };
      const payload = row.payload as { title?: string; subject?: string; ticketId?: string };
      return send(
        deps,
        job,
        row.email,
        "agent-notification",
        {
          agentName: row.name,
          title: payload.title ?? "Something needs your attention",
          body: payload.subject ?? "",
          url: link(`/t/${brand.slug}/tickets/${payload.ticketId ?? ""}`),
        },
        brand,
      );
    },

    "ticket.event": async (job) => {
      const events = await notificationService.handleTicketEvent(deps.db, {
        id: job.id,
        payload: job.payload as Parameters<
          typeof notificationService.handleTicketEvent
        >[1]["payload"],
      });
      // After commit: a failed publish retries the job, whose writes are idempotent.
      for (const event of events) await publishEvent(deps.publisher, event);
      return { events: events.length };
    },
  };
}
