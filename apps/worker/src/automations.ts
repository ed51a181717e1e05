// Automation rules: an event's rules in order (services' automations engine, all in one
// transaction) and the customer emails their "email the customer" actions queue.
import type { JobHandler } from "@supportdesk/queue";
import { publishEvent } from "@supportdesk/realtime";
import { automations } from "@supportdesk/services";
import { brandOf, type HandlerDeps, send, str } from "./mail-kit";
import { customerThread, envelopeOf } from "./ticket-emails";

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
      const found = await customerThread(deps, job, brand, { tenantId, ticketId });
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
        envelopeOf(threading, sender),
      );
    },
  };
}
