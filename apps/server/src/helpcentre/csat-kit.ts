// What the survey page tests share: a help-centre tenant with surveys on (no delay), a ticket of
// its customer resolved through the agents' API, and the survey's link token from the outbox.
import { and, eq, outbox, sql } from "@supportdesk/database";
import { csatSurveyEmailJob, openPayload } from "@supportdesk/queue";
import type { TrpcDeps } from "@supportdesk/trpc";
import { testEmail } from "@supportdesk/trpc/testing";
import type { Fixture } from "./test-kit";

/** Turns surveys on with no delay, and returns `resolved()`: a new resolved ticket's survey. */
export async function withSurveys(deps: TrpcDeps, fixture: Fixture, customerEmail?: string) {
  const here = fixture.owner.here;
  await here.csat.settings.update({
    enabled: true,
    delayMinutes: 0,
    question: `How did ${fixture.tenant.name} do?`,
    commentPrompt: "Tell us more (optional)",
  });
  const customer = await here.customers.create({
    email: customerEmail ?? testEmail("rater"),
    name: "Rita Rater",
  });
  const resolved = async () => {
    const ticket = await here.tickets.create({
      subject: `Rate me ${crypto.randomUUID().slice(0, 8)}`,
      body: "Help, please.",
      customerId: customer.id,
    });
    await here.tickets.update({ id: ticket.id, status: "resolved" });
    const page = await here.csat.list({ ticketId: ticket.id });
    const survey = page.data[0];
    if (!survey) throw new Error("no survey opened on resolve");
    return { ticket, survey, token: await surveyToken(deps, survey.id) };
  };
  return { customer, resolved };
}

/** The link token of a survey's email job, opened as the worker opens it. */
export async function surveyToken(deps: TrpcDeps, surveyId: string): Promise<string> {
  const [row] = await deps.db.platform
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(
      and(
        eq(outbox.jobName, csatSurveyEmailJob.name),
        eq(sql`${outbox.payload}->>'surveyId'`, surveyId),
      ),
    );
  if (!row) throw new Error("no survey email queued");
  const opened = openPayload(csatSurveyEmailJob, row.payload as Record<string, unknown>);
  return String(opened.token);
}
