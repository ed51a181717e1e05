// Automation rules: an event's rules in order (services' automations engine, all in one
// transaction) and the customer emails their "email the customer" actions queue.
import { and, customers, eq, tickets } from "@supportdesk/database";
import type { JobHandler } from "@supportdesk/queue";
import { publishEvent } from "@supportdesk/realtime";
import { automations, email } from "@supportdesk/services";
import { brandOf, type HandlerDeps, messageIdOf, send, str } from "./mail-kit";

export function automationsHandlers(
  deps: HandlerDeps & { webhooks?: automations.WebhookSender },
): Record<string, JobHandler> {
  return {
    "automation.event": async (job) => {
      const { rules, outcomes, events } = await automations.runAutomationEvent(
        deps.db,
        job.payload,
        { webhooks: deps.webhooks },
      );
      // After commit: the bells of the people a "notify" action told.
      for (const event of events) await publishEvent(deps.publisher, event);
      const count = (status: string) => outcomes.filter((o) => o.status === status).length;
      return { rules, acted: count("done"), stopped: count("stopped"), failed: count("failed") };
    },

    "email.automation": async (job) => {
      const tenantId = str(job.tenantId);
      const ticketId = str(job.payload.ticketId);
      const brand = await brandOf(deps, tenantId);
      const found = await deps.db.withTenant(tenantId, async (tx) => {
        const [row] = await tx
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
          .where(eq(tickets.id, ticketId));
        if (!row) return undefined;
        const threading = await email.threadOutbound(tx, {
          ticketId,
          ticketMessageId: null,
          copyCcs: false,
          messageId: messageIdOf(deps, job),
          slug: brand.slug,
          inboundDomain: deps.inboundDomain,
        });
        return { row, threading };
      });
      if (!found) return { skipped: "ticket gone or without a customer" };
      const { row, threading } = found;
      const sender = brand.settings.senderName ?? brand.name;
      return send(
        deps,
        job,
        row.email,
        "automation-message",
        {
          customerName: row.name,
          number: row.number,
          subject: row.subject,
          title: str(job.payload.subject),
          body: brand.settings.signature
            ? `${str(job.payload.body)}\n\n-- \n${brand.settings.signature}`
            : str(job.payload.body),
        },
        brand,
        {
          fromName: sender,
          envelopeFrom: threading.replyTo,
          replyTo: threading.replyTo,
          ...(threading.inReplyTo ? { inReplyTo: threading.inReplyTo } : {}),
          references: threading.references,
          headers: { "Thread-Index": threading.threadIndex, "Thread-Topic": threading.threadTopic },
        },
      );
    },
  };
}
