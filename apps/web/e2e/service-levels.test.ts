// Service levels in Chromium against the real server and worker: an admin creates an SLA policy
// (Settings → SLA policies) and an automation rule (Settings → Automations, previewed first); a
// new urgent ticket gets the rule's tag from the worker and shows its resolution due time on the
// ticket and in the inbox; the Reports page draws the demo tenant's 90 days of history (screenshots).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { registerAndSignIn, type SignedInAnswer, signInThroughApi } from "./accounts";
import { type BrowserContext, must, type Stack, startStack, unique } from "./harness";
import { spawnChild } from "./processes";

const STEP_MS = 120_000;
/** The demo logins' password (README; the seed's DEMO_PASSWORD). */
const DEMO_PASSWORD = "supportdesk-demo";

let stack: Stack;
let context: BrowserContext;
let token = "";
let earlier = "";
const slug = `e2e-sla-${unique("")}`;
const email = `e2e-sla-${unique("")}@example.test`;
const policyName = `Urgent promise ${unique("")}`;
const ruleName = `Outages are urgent ${unique("")}`;

const call = <T>(kind: "query" | "mutation", path: string, input: unknown, as = { token, slug }) =>
  stack.call<T>(kind, path, input, as).then((answer) => must(answer, path));

/** Polls `read` until `done` holds (the worker acts a moment after the request). */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within 60 s`);
    await Bun.sleep(500);
  }
}

beforeAll(async () => {
  stack = await startStack();
  ({ accessToken: token } = await registerAndSignIn(stack, {
    email,
    name: "Sla Tester",
    tenantName: "Service Levels Org",
    tenantSlug: slug,
  }));
  earlier = (
    await call<{ id: string }>("mutation", "tickets.create", {
      subject: "Login outage last week",
      body: "It is fine now.",
    })
  ).id;
  context = await stack.newContext();
  await signInThroughApi(context, email);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe("SLA policies and automation rules", () => {
  test(
    "an admin creates a policy and a rule; a new urgent outage ticket gets the tag and its due time",
    async () => {
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);

      await page.goto(`/t/${slug}/settings/sla`);
      await page.getByRole("button", { name: "New SLA policy" }).click();
      await page.getByLabel("Name", { exact: true }).fill(policyName);
      await page.getByLabel("urgent First response: amount").fill("30");
      await page.getByLabel("urgent First response: unit").selectOption("minutes");
      await page.getByLabel("urgent First response: counted in").selectOption("calendar");
      await page.getByLabel("urgent Resolution: amount").fill("4");
      await page.getByLabel("urgent Resolution: unit").selectOption("hours");
      await page.getByLabel("urgent Resolution: counted in").selectOption("calendar");
      await page.getByRole("button", { name: "Create policy" }).click();
      await page.getByText(policyName).first().waitFor();

      await page.goto(`/t/${slug}/settings/automations`);
      await page.getByRole("button", { name: "New rule" }).click();
      await page.getByLabel("Rule name").fill(ruleName);
      await page.getByRole("button", { name: "Add condition" }).click();
      await page.getByLabel("Condition 1 field").selectOption("subject");
      await page.getByLabel("Condition 1 operator").selectOption("contains");
      await page.getByLabel("Condition 1 value").fill("outage");
      // The action's kind: the select labelled "Action 1" (its label wraps it).
      await page.locator("label:has(> span:text-is('Action 1')) select").selectOption("add_tags");
      await page.getByLabel("Action 1 tags, separated by commas").fill("outage");
      // One ticket from before the rule matches: the preview says so, and changes nothing.
      await page.getByRole("button", { name: "Test against the last 100 tickets" }).click();
      await page.getByText(/It would have acted on 1 of the last \d+ tickets/).waitFor();
      const before = await call<{ tags: string[] }>("query", "tickets.get", { id: earlier });
      expect(before.tags).not.toContain("outage");
      await page.getByRole("button", { name: "Create rule" }).click();
      await page.getByText(ruleName).first().waitFor();
      await stack.screenshot(page, "sl-01-automation-rules");

      const ticket = await call<{ id: string }>("mutation", "tickets.create", {
        subject: "Checkout outage in the EU",
        body: "Nobody can pay since 09:10.",
        priority: "urgent",
      });
      const tagged = await eventually(
        () =>
          call<{ tags: string[]; sla: { target: string } | null }>("query", "tickets.get", {
            id: ticket.id,
          }),
        (t) => t.tags.includes("outage"),
        "the rule tagging the ticket",
      );
      // Typed in by an agent: no first response is owed, the resolution clock runs.
      expect(tagged.sla?.target).toBe("resolution");

      await page.goto(`/t/${slug}/tickets/${ticket.id}`);
      const badge = page.locator(".sla-prop");
      await badge.waitFor();
      expect(await badge.textContent()).toMatch(/Resolution/i);
      expect(await badge.textContent()).toMatch(/due/i);
      expect(await page.locator(".ticket-props").textContent()).toContain("outage");
      await stack.screenshot(page, "sl-02-ticket-sla-badge");

      await page.goto(`/t/${slug}/tickets?sort=due`);
      await page.locator(".sla-chip").first().waitFor();

      const runs = await call<{ data: { matched: boolean }[] }>("query", "automations.runs", {});
      expect(runs.data.some((run) => run.matched)).toBe(true);
      await page.close();
    },
    STEP_MS,
  );
});

describe("reports", () => {
  test(
    "the demo tenant's 90 days draw charts with tables under them, range and interval from the URL",
    async () => {
      // The demo seed on the test database (this process's environment points there), as
      // `bun run db:seed` runs it: the web app's code never imports the database itself.
      const seed = spawnChild("seed", "scripts/db.ts", {}, ["seed"]);
      expect(await seed.proc.exited).toBe(0);
      const alice = must(
        await stack.call<SignedInAnswer>("mutation", "auth.login", {
          email: "alice@example.com",
          password: DEMO_PASSWORD,
          tokenDelivery: "body",
        }),
        "auth.login",
      );
      const as = { token: alice.accessToken, slug: "acme" };
      const to = new Date().toISOString().slice(0, 10);
      const from = new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10);
      const range = { from, to, timezone: "Europe/London", interval: "week" };
      // The worker builds the rollup from the jobs the seed queued.
      await eventually(
        () => call<{ resolved: number }>("query", "reports.overview", range, as),
        (overview) => overview.resolved > 100,
        "the rollup of the demo history",
      );

      const demo = await stack.newContext();
      await signInThroughApi(demo, "alice@example.com", DEMO_PASSWORD);
      const page = await demo.newPage();
      page.setDefaultTimeout(30_000);
      await page.goto(`/t/acme/reports?from=${from}&to=${to}&interval=week&tz=Europe%2FLondon`);
      await page.locator("svg.recharts-surface").nth(2).waitFor();
      expect(await page.locator("svg.recharts-surface").count()).toBeGreaterThanOrEqual(3);
      expect(await page.locator("table tbody tr").count()).toBeGreaterThan(5);
      // The range and interval came from the URL.
      expect(await page.getByLabel("Interval").inputValue()).toBe("week");
      expect(await page.locator("main").textContent()).toContain(`${from} to ${to}`);
      await stack.screenshot(page, "sl-03-reports");
      await demo.close();
    },
    STEP_MS,
  );
});
