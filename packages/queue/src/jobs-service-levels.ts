// Service-level jobs: the per-tenant sweep (SLA warnings and breaches, time-based automation
// triggers), automation events, report rollups, CSAT surveys and automation emails. Registered in
// `jobsByName` here, beside their definitions.
import { z } from "zod";
import { defineTenantJob, jobsByName } from "./jobs";

/**
 * A tenant's service-level sweep: warns before SLA targets are due, records breaches, and fires
 * time-based automation triggers. Each run first records the next one (`available_at` a minute
 * on, keyed `sweep:<tenantId>` so there is never more than one waiting), then works; its writes
 * are conditional updates (`warned_at is null`, a run's unique event key), so a redelivered or
 * duplicate sweep alerts nobody twice. Through the outbox, so per-tenant lanes keep it fair.
 */
export const serviceLevelSweepJob = defineTenantJob(
  "automation",
  "service-levels.sweep",
  {},
  { idempotent: true },
);

/** The key that keeps one sweep waiting per tenant. */
export const sweepKey = (tenantId: string) => `sweep:${tenantId}`;

/**
 * Something happened that automation rules may react to. `eventId` (the outbox row of the
 * change's transaction made it unique) keys each rule's run, so a rule runs at most once per
 * event; `depth` counts how many rule actions led here (0: a person or the customer), and the
 * engine stops at its limit.
 */
export const automationEventJob = defineTenantJob(
  "automation",
  "automation.event",
  {
    eventId: z.uuid(),
    ticketId: z.uuid(),
    kind: z.enum(["created", "updated", "message", "csat"]),
    actorUserId: z.uuid().nullable(),
    messageId: z.uuid().optional(),
    changes: z.record(z.string(), z.unknown()).optional(),
    /** With kind "csat": the survey that was rated. */
    surveyId: z.uuid().optional(),
    depth: z.number().int().min(0).max(100),
    /** The rule whose action caused this event, if any. */
    ruleId: z.uuid().optional(),
    occurredAt: z.iso.datetime({ offset: true }),
  },
  { idempotent: true },
);

/** Recomputes one ticket's row of `ticket_facts` (the reports' rollup). Idempotent. */
export const reportFactJob = defineTenantJob(
  "automation",
  "report.fact",
  { ticketId: z.uuid() },
  { idempotent: true },
);

const token = z.string().min(20).max(200);

/**
 * Emails a resolved ticket's customer the satisfaction survey (a 1–5 rating in one click, each a
 * link carrying `token`; sealed, like every link token). Queued at resolve with `available_at`
 * after the tenant's delay; the worker skips it when the ticket was reopened meanwhile.
 */
export const csatSurveyEmailJob = defineTenantJob(
  "email",
  "email.csat-survey",
  { surveyId: z.uuid(), token },
  { sealed: ["token"] },
);

/** An automation's "send an email to the customer": the rendered template, sent as a reply. */
export const automationEmailJob = defineTenantJob("email", "email.automation", {
  ticketId: z.uuid(),
  ruleId: z.uuid(),
  subject: z.string().min(1).max(300),
  body: z.string().min(1).max(20_000),
});

for (const job of [
  serviceLevelSweepJob,
  automationEventJob,
  reportFactJob,
  csatSurveyEmailJob,
  automationEmailJob,
]) {
  jobsByName[job.name] = job;
}
