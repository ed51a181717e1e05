// The survey email end to end: the handler sends the real email to the test mail capture, a
// rating link in it is clicked against the real server (its own process on the test database),
// and the rating lands; a ticket reopened before the delay ran out, or a survey sent already, is
// skipped.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { testEnvironment } from "@supportdesk/config";
import { and, eq, outbox, sql } from "@supportdesk/database";
import { CSAT_LABELS, createMailer } from "@supportdesk/email";
import { startMailCapture } from "@supportdesk/email/capture";
import { createLogger } from "@supportdesk/logger";
import { csatSurveyEmailJob, type JobContext, openPayload } from "@supportdesk/queue";
import { csat } from "@supportdesk/services";
import { createTeam, createTestDeps, testEmail } from "@supportdesk/trpc/testing";
import { createHandlers, type HandlerDeps } from "./handlers";
import { freePort, to } from "./test-kit";

const deps = await createTestDeps();
const capture = await startMailCapture();
const mailer = createMailer({ url: capture.smtpUrl, from: "support@supportdesk.test" });
const log = createLogger({ name: "test", level: "silent" });

// The real server, as its own process on the test database: where the email's links go.
const port = await freePort();
const serverUrl = `http://127.0.0.1:${port}`;
const server = Bun.spawn([process.execPath, "apps/server/src/main.ts"], {
  cwd: join(import.meta.dir, "..", "..", ".."),
  env: {
    ...testEnvironment(),
    LOG_LEVEL: "warn",
    PORT: String(port),
    APP_URL: serverUrl,
  },
  stdout: "ignore",
  stderr: "inherit",
});

const handler = createHandlers({
  db: deps.db,
  mailer,
  publisher: deps.redis,
  appUrl: serverUrl,
  inboundDomain: "mail.supportdesk.test",
} as HandlerDeps)[csatSurveyEmailJob.name];
if (!handler) throw new Error(`${csatSurveyEmailJob.name} is not registered`);

beforeAll(async () => {
  for (let i = 0; i < 200; i++) {
    if (
      await fetch(`${serverUrl}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await Bun.sleep(50);
  }
  throw new Error("the server did not start");
});
afterAll(async () => {
  server.kill("SIGTERM");
  mailer.close();
  await capture.stop();
  await deps.close();
});

/**
 * A tenant with surveys on and a customer; `resolved()` opens and resolves a ticket. The delay is
 * an hour, so no other suite's worker relays the job meanwhile: this test hands it to the handler.
 */
async function desk(name: string) {
  const team = await createTeam(deps, name);
  const here = team.owner.here;
  await here.csat.settings.update({ enabled: true, delayMinutes: 60, question: "Rate us, please" });
  const address = testEmail("rated");
  const customer = await here.customers.create({ email: address, name: "Rhea Rated" });
  const resolved = async () => {
    const ticket = await here.tickets.create({
      subject: `Broken kettle ${crypto.randomUUID().slice(0, 6)}`,
      body: "It will not boil.",
      customerId: customer.id,
    });
    await here.tickets.update({ id: ticket.id, status: "resolved" });
    const survey = (await here.csat.list({ ticketId: ticket.id })).data[0];
    if (!survey) throw new Error("no survey opened");
    return { ticket, survey, job: await jobOf(team.tenant.id, survey.id) };
  };
  return { ...team, here, address, resolved };
}

/** The survey's email job as the worker's runtime hands it to the handler. */
async function jobOf(tenantId: string, surveyId: string): Promise<JobContext> {
  const [row] = await deps.db.platform
    .select({ id: outbox.id, payload: outbox.payload })
    .from(outbox)
    .where(
      and(
        eq(outbox.jobName, csatSurveyEmailJob.name),
        eq(sql`${outbox.payload}->>'surveyId'`, surveyId),
      ),
    );
  if (!row) throw new Error("no survey email queued");
  return {
    id: row.id,
    name: csatSurveyEmailJob.name,
    tenantId,
    payload: openPayload(csatSurveyEmailJob, row.payload as Record<string, unknown>),
    attempt: 1,
    log,
  };
}

describe("the survey email", () => {
  test("carries five rating links; clicking one on the server records it", async () => {
    const acme = await desk("Kettle Co");
    const { ticket, job } = await acme.resolved();
    const result = await handler(job);
    expect(result?.template).toBe("csat-survey");
    const mail = await capture.waitFor(to(acme.address), 15_000);
    expect(mail.subject).toContain(`#${ticket.number}`);
    expect(mail.text).toContain("Rate us, please");
    const links = [
      ...mail.text.matchAll(
        /http:\/\/127\.0\.0\.1:\d+\/hc\/[a-z0-9-]+\/csat\/[\w-]{43}\?rating=(\d)/g,
      ),
    ];
    expect(links.map((m) => m[1])).toEqual(["1", "2", "3", "4", "5"]);
    const four = links[3]?.[0] ?? "";
    expect(four.startsWith(`${serverUrl}/hc/${acme.tenant.slug}/csat/`)).toBe(true);
    expect(mail.html).toContain(`href="${four}"`);

    const page = await fetch(four);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Thank you! Your rating was recorded.");
    const rated = (await acme.here.csat.list({ ticketId: ticket.id })).data[0];
    expect(rated?.rating).toBe(4);
    expect(rated?.sentAt).not.toBeNull();

    // A redelivered job sends nothing twice.
    expect(await handler(job)).toEqual({ skipped: "already sent" });
  });

  test("a ticket reopened before the delay ran out is skipped", async () => {
    const acme = await desk("Reopen Co");
    const { ticket, job } = await acme.resolved();
    await acme.here.tickets.update({ id: ticket.id, status: "open" });
    expect(await handler(job)).toEqual({ skipped: "the ticket was reopened" });
    const survey = (await acme.here.csat.list({ ticketId: ticket.id })).data[0];
    expect(survey?.sentAt).toBeNull();
    expect((await capture.messages()).filter(to(acme.address))).toHaveLength(0);
  });
});

test("the survey page offers the same five answers as the email's links", () => {
  expect([...csat.RATING_LABELS]).toEqual([...CSAT_LABELS]);
});
