// What the survey tests share: a desk (../macros/test-desk.ts) with a customer, tickets opened and
// resolved through the services, and the survey jobs read back from the outbox as the worker opens them.
import { and, asc, csatSurveys, eq, outbox, sql } from "@supportdesk/database";
import type { TicketStatus } from "@supportdesk/domain";
import { csatSurveyEmailJob, openPayload } from "@supportdesk/queue";
import { createCustomer } from "../customers";
import { type openDesks, unique } from "../macros/test-desk";
import { openTicket } from "../ticket-open";
import { updateTicket } from "../tickets";
import { updateSettings } from "./settings";

export type Desks = ReturnType<typeof openDesks>;
type Desk = Awaited<ReturnType<Desks["desk"]>>;

/** A desk with one customer; `ticket()` opens one (optionally of an inquiry type, or without a customer). */
export async function surveyDesk(desks: Desks, name = "Survey Co") {
  const desk = await desks.desk(name);
  const customer = await desk.owner.run((s) =>
    createCustomer(s, { email: `cleo-${unique()}@example.test`, name: "Cleo Customer" }),
  );
  const ticket = (opts: { inquiryTypeId?: string; customer?: boolean } = {}) =>
    desk.owner.run((s) =>
      openTicket(s, {
        subject: `Survey me ${unique()}`,
        body: "Please help.",
        channel: "agent",
        author: { type: "system" },
        ...(opts.customer === false ? {} : { customerId: customer.id }),
        ...(opts.inquiryTypeId ? { inquiryTypeId: opts.inquiryTypeId } : {}),
        acknowledge: false,
      }),
    );
  const setStatus = (id: string, status: TicketStatus) =>
    desk.owner.run((s) => updateTicket(s, { id, status }));
  const resolve = (id: string) => setStatus(id, "resolved");
  const reopen = (id: string) => setStatus(id, "open");
  const settings = (input: Parameters<typeof updateSettings>[1]) =>
    desk.owner.run((s) => updateSettings(s, input));
  const surveyOf = async (ticketId: string) => {
    const [row] = await desks.db.withTenant(desk.tenant.id, (tx) =>
      tx.select().from(csatSurveys).where(eq(csatSurveys.ticketId, ticketId)),
    );
    return row;
  };
  return { ...desk, customer, ticket, setStatus, resolve, reopen, settings, surveyOf };
}

export type SurveyDesk = Awaited<ReturnType<typeof surveyDesk>>;
export type { Desk };

/** The outbox rows of `jobName` whose payload's `field` is `value`, oldest first. */
export async function jobsWhere(desks: Desks, jobName: string, field: string, value: string) {
  return desks.db.platform
    .select({ payload: outbox.payload, availableAt: outbox.availableAt })
    .from(outbox)
    .where(and(eq(outbox.jobName, jobName), eq(sql`${outbox.payload}->>${field}`, value)))
    .orderBy(asc(outbox.createdAt), asc(outbox.id));
}

/** The survey email job of a survey, its token opened as the worker opens it. */
export async function surveyEmail(desks: Desks, surveyId: string) {
  const rows = await jobsWhere(desks, csatSurveyEmailJob.name, "surveyId", surveyId);
  if (rows.length !== 1) throw new Error(`expected one survey email, found ${rows.length}`);
  const row = rows[0] as (typeof rows)[number];
  const opened = openPayload(csatSurveyEmailJob, row.payload as Record<string, unknown>);
  return { availableAt: row.availableAt, token: String((opened as { token: string }).token) };
}
