// The worker's job handlers: account and team emails, ticket emails (./ticket-emails.ts), inbound
// mail (./inbound.ts), ticket events (notifications), team assignment (./assignment.ts), bulk
// ticket changes (./bulk.ts), and service levels: the sweep (./service-levels.ts), automation
// rules (./automations.ts), surveys (./csat.ts) and the reports' rollup (./reports.ts).
import { eq, notifications, users } from "@supportdesk/database";
import type { JobHandler } from "@supportdesk/queue";
import { publishEvent } from "@supportdesk/realtime";
import { notifications as notificationService } from "@supportdesk/services";
import { assignmentHandlers } from "./assignment";
import { automationsHandlers } from "./automations";
import { bulkHandlers } from "./bulk";
import { csatHandlers } from "./csat";
import { inboundHandlers } from "./inbound";
import { brandOf, type HandlerDeps, PLATFORM_BRAND, send, str } from "./mail-kit";
import { reportsHandlers } from "./reports";
import { serviceLevelHandlers } from "./service-levels";
import { ticketEmailHandlers } from "./ticket-emails";

export type { HandlerDeps } from "./mail-kit";

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

    ...ticketEmailHandlers(deps),
    ...inboundHandlers(deps),
    ...assignmentHandlers(deps),
    ...bulkHandlers(deps),
    ...serviceLevelHandlers(deps),
    ...automationsHandlers(deps),
    ...csatHandlers(deps),
    ...reportsHandlers(deps),

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
