// Satisfaction surveys through the services on the real database: opened on resolve only when on
// and the inquiry type is not left out, emailed after the delay, one rating per survey however
// often the link is clicked, a changed mind updates it, and another tenant's token opens nothing.
import { afterAll, describe, expect, test } from "bun:test";
import { automationEventJob, reportFactJob } from "@supportdesk/queue";
import { updateHelpCentreSettings } from "../helpcentre/settings";
import { openDesks } from "../macros/test-desk";
import { commentByToken, rateByToken, surveyByToken } from "./public";
import { type CsatSettingsUpdate, getSettings } from "./settings";
import { listSurveys, summary } from "./surveys";
import { jobsWhere, surveyDesk, surveyEmail } from "./test-kit";

const desks = openDesks();
afterAll(() => desks.db.close());

const acme = await surveyDesk(desks, "Acme Surveys");
const saved = await acme.owner.run((s) =>
  updateHelpCentreSettings(s, {
    inquiryTypes: [
      { name: "Billing", description: "", priority: "normal", tags: [], assigneeId: null },
      { name: "Sales", description: "", priority: "normal", tags: [], assigneeId: null },
    ],
  }),
);
const [billing, sales] = saved.inquiryTypes.map((t) => t.id) as [string, string];

describe("a survey opens on resolve", () => {
  const cases: {
    name: string;
    enabled: boolean;
    inquiryType?: "billing" | "sales";
    customer?: boolean;
    status?: "resolved" | "pending";
    opens: boolean;
  }[] = [
    { name: "surveys on, no inquiry type", enabled: true, opens: true },
    { name: "surveys off", enabled: false, opens: false },
    { name: "its inquiry type left out", enabled: true, inquiryType: "billing", opens: false },
    { name: "another inquiry type", enabled: true, inquiryType: "sales", opens: true },
    { name: "no customer to ask", enabled: true, customer: false, opens: false },
    { name: "set pending, not resolved", enabled: true, status: "pending", opens: false },
  ];
  for (const c of cases) {
    test(`${c.name}: ${c.opens ? "a survey" : "none"}`, async () => {
      await acme.settings({ enabled: c.enabled, disabledInquiryTypeIds: [billing] });
      const inquiryTypeId = c.inquiryType === "billing" ? billing : c.inquiryType && sales;
      const ticket = await acme.ticket({
        ...(inquiryTypeId ? { inquiryTypeId } : {}),
        ...(c.customer === false ? { customer: false } : {}),
      });
      await acme.setStatus(ticket.id, c.status ?? "resolved");
      const survey = await acme.surveyOf(ticket.id);
      expect(survey !== undefined).toBe(c.opens);
      if (survey) {
        expect(survey.customerId).toBe(acme.customer.id);
        expect(survey.rating).toBeNull();
        await surveyEmail(desks, survey.id);
      }
    });
  }

  test("resolved again after a reopen: still one survey and one email", async () => {
    await acme.settings({ enabled: true });
    const ticket = await acme.ticket();
    await acme.resolve(ticket.id);
    await acme.reopen(ticket.id);
    await acme.resolve(ticket.id);
    const survey = await acme.surveyOf(ticket.id);
    if (!survey) throw new Error("no survey");
    await surveyEmail(desks, survey.id);
  });
});

test("the email job waits for the tenant's delay", async () => {
  await acme.settings({ enabled: true, delayMinutes: 90 });
  const ticket = await acme.ticket();
  const before = Date.now();
  await acme.resolve(ticket.id);
  const after = Date.now();
  const survey = await acme.surveyOf(ticket.id);
  if (!survey) throw new Error("no survey");
  const { availableAt } = await surveyEmail(desks, survey.id);
  const minutes = 90 * 60_000;
  expect(availableAt.getTime()).toBeGreaterThanOrEqual(before + minutes);
  expect(availableAt.getTime()).toBeLessThanOrEqual(after + minutes);
});

/** A resolved ticket's survey and its link's token. */
async function surveyed() {
  await acme.settings({ enabled: true, delayMinutes: 0 });
  const ticket = await acme.ticket();
  await acme.resolve(ticket.id);
  const survey = await acme.surveyOf(ticket.id);
  if (!survey) throw new Error("no survey");
  return { ticket, survey, token: (await surveyEmail(desks, survey.id)).token };
}

const rate = (token: string, rating: number, tenantId = acme.tenant.id) =>
  desks.db.withTenant(tenantId, (tx) => rateByToken(tx, token, rating));
const csatEvents = async (surveyId: string) =>
  (await jobsWhere(desks, automationEventJob.name, "surveyId", surveyId)).map(
    (row) => row.payload as Record<string, unknown>,
  );

describe("rating by link", () => {
  test("CSAT link clicked twice counts once", async () => {
    const { ticket, survey, token } = await surveyed();
    const facts = (await jobsWhere(desks, reportFactJob.name, "ticketId", ticket.id)).length;
    expect((await rate(token, 4))?.changed).toBe(true);
    expect((await rate(token, 4))?.changed).toBe(false);
    const row = await acme.surveyOf(ticket.id);
    expect(row?.rating).toBe(4);
    const events = await csatEvents(survey.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: "csat",
      ticketId: ticket.id,
      surveyId: survey.id,
      depth: 0,
      actorUserId: null,
    });
    // The report's rollup of the ticket is refreshed once too.
    expect((await jobsWhere(desks, reportFactJob.name, "ticketId", ticket.id)).length).toBe(
      facts + 1,
    );
    const page = await acme.owner.run((s) => summary(s, {}));
    expect(page.rated).toBe(page.distribution.reduce((a, b) => a + b, 0));
  });

  test("a changed mind updates the rating, still one survey", async () => {
    const { ticket, survey, token } = await surveyed();
    await rate(token, 5);
    const changed = await rate(token, 2);
    expect(changed).toMatchObject({ rating: 2, changed: true });
    const list = await acme.owner.run((s) => listSurveys(s, { ticketId: ticket.id }));
    expect(list.data.map((s) => s.rating)).toEqual([2]);
    const events = await csatEvents(survey.id);
    expect(events).toHaveLength(2);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(2);
  });

  test("a comment is saved and shown back with the tenant's prompt", async () => {
    await acme.settings({ commentPrompt: "Tell us more, Acme style" });
    const { ticket, token } = await surveyed();
    await rate(token, 3);
    const page = await desks.db.withTenant(acme.tenant.id, (tx) =>
      commentByToken(tx, token, "  Quick and kind.  "),
    );
    expect(page).toMatchObject({
      rating: 3,
      comment: "Quick and kind.",
      commentPrompt: "Tell us more, Acme style",
    });
    expect((await acme.surveyOf(ticket.id))?.comment).toBe("Quick and kind.");
  });

  test("another tenant's token opens nothing there, like a made-up one", async () => {
    const { ticket, token } = await surveyed();
    const other = await surveyDesk(desks, "Other Surveys");
    for (const t of [token, "x".repeat(43), "short"]) {
      expect(await rate(t, 1, other.tenant.id)).toBeUndefined();
      expect(
        await desks.db.withTenant(other.tenant.id, (tx) => surveyByToken(tx, t)),
      ).toBeUndefined();
    }
    expect((await acme.surveyOf(ticket.id))?.rating).toBeNull();
  });

  test("a rating outside 1–5 is refused, naming the field", async () => {
    const { token } = await surveyed();
    await expect(rate(token, 6)).rejects.toMatchObject({ code: "BAD_REQUEST", field: "rating" });
  });
});

describe("settings", () => {
  test("are validated, field by field", async () => {
    const bad: [CsatSettingsUpdate, string][] = [
      [{ delayMinutes: -1 }, "delayMinutes"],
      [{ delayMinutes: 10_081 }, "delayMinutes"],
      [{ question: "  " }, "question"],
      [{ question: "q".repeat(301) }, "question"],
      [{ disabledInquiryTypeIds: [sales, "not-a-type"] }, "disabledInquiryTypeIds.1"],
    ];
    for (const [input, field] of bad) {
      await expect(acme.settings(input)).rejects.toMatchObject({ code: "BAD_REQUEST", field });
    }
  });

  test("list the help centre's inquiry types with whether each is surveyed", async () => {
    await acme.settings({ disabledInquiryTypeIds: [billing] });
    const view = await acme.owner.run(getSettings);
    expect(view.inquiryTypes).toEqual([
      { id: billing, name: "Billing", surveyed: false },
      { id: sales, name: "Sales", surveyed: true },
    ]);
  });

  test("a member cannot change them", async () => {
    const member = await acme.join("member", "Mia Member");
    await expect(member.run(getSettings)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
