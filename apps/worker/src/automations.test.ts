// Automation rules through the real pipeline: a ticket change commits its automation event to the
// outbox, the worker process relays it through BullMQ, runs the rules and emails the customer.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import { startMailCapture } from "@supportdesk/email/capture";
import { createLogger } from "@supportdesk/logger";
import { createTestDeps, signUp, testEmail } from "@supportdesk/trpc/testing";
import { createHandlers, type HandlerDeps } from "./handlers";
import { killSpawned, prefix, startWorker, to } from "./test-kit";

const config = env();
const deps = await createTestDeps();
const capture = await startMailCapture();

afterAll(async () => {
  killSpawned();
  await capture.stop();
  await deps.close();
});

describe("the worker process", () => {
  let worker: ReturnType<typeof Bun.spawn>;
  beforeAll(() => {
    worker = startWorker({
      redisUrl: config.REDIS_URL,
      smtpUrl: capture.smtpUrl,
      prefix: prefix(),
    });
  });
  afterAll(() => worker.kill("SIGTERM"));

  test("a new ticket's rule tags it and emails its customer, once, and the run is logged", async () => {
    const owner = await signUp(deps, { tenantName: "Rules Co" });
    const here = owner.as(owner.tenant?.slug ?? "");
    const rule = await here.automations.create({
      name: "Welcome urgent ones",
      trigger: { type: "ticket.created" },
      conditions: { all: [{ field: "priority", op: "is", value: "urgent" }], any: [] },
      actions: [
        { type: "add_tags", tags: ["welcomed"] },
        {
          type: "email_customer",
          subject: "We are on it",
          body: "Hello {{customer.name}}, ticket #{{ticket.number}} ({{ticket.subject}}) is urgent for us.",
        },
      ],
    });
    const address = testEmail("rules-customer");
    const customer = await here.customers.create({ email: address, name: "Ada Customer" });
    const ticket = await here.tickets.create({
      subject: "Site down",
      body: "Nothing loads",
      customerId: customer.id,
      priority: "urgent",
    });
    const mail = await capture.waitFor(
      (m) => to(address)(m) && m.text.includes("is urgent for us"),
      20_000,
    );
    expect(mail.text).toContain(
      `Hello Ada Customer, ticket #${ticket.number} (Site down) is urgent for us.`,
    );
    expect(mail.subject).toContain(`[#${ticket.number}]`);
    expect((await here.tickets.get({ id: ticket.id })).tags).toEqual(["welcomed"]);
    const runs = await here.automations.runs({ ruleId: rule.id });
    expect(runs.data).toHaveLength(1);
    expect(runs.data[0]).toMatchObject({
      matched: true,
      error: null,
      depth: 0,
      ticketNumber: ticket.number,
    });
    // The tag the rule added was itself an event (depth 1); no rule listens to updates, so nothing more.
    await Bun.sleep(500);
    expect(
      (await capture.messages()).filter((m) => to(address)(m) && m.text.includes("urgent for us")),
    ).toHaveLength(1);
  }, 30_000);
});

test("email.automation skips a ticket without a customer", async () => {
  const owner = await signUp(deps, { tenantName: "No Customer Co" });
  const here = owner.as(owner.tenant?.slug ?? "");
  const ticket = await here.tickets.create({ subject: "Internal", body: "x" });
  const handler = createHandlers({
    db: deps.db,
    appUrl: "http://app.supportdesk.test",
  } as HandlerDeps)["email.automation"];
  if (!handler) throw new Error("email.automation is not registered");
  const result = await handler({
    id: crypto.randomUUID(),
    name: "email.automation",
    tenantId: owner.tenant?.id ?? "",
    payload: { ticketId: ticket.id, ruleId: crypto.randomUUID(), subject: "s", body: "b" },
    attempt: 1,
    log: createLogger({ name: "test", level: "silent" }),
  });
  expect(result).toEqual({ skipped: "ticket gone or without a customer" });
});
