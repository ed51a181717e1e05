// The agents' workflow in Chromium against the real server: searching from the header (the `/`
// key, a word only in a later message, type tabs, a filter in the URL) with axe on the results.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createRequire } from "node:module";
import { registerAndSignIn, signInThroughApi } from "./accounts";
import { type BrowserContext, must, type Page, type Stack, startStack, unique } from "./harness";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const STEP_MS = 90_000;

let stack: Stack;
let context: BrowserContext;
let token = "";
const slug = `e2e-flow-${unique("")}`;
const email = `e2e-flow-${unique("")}@example.test`;
const needle = `quasar${unique("")
  .replace(/[^a-z]/g, "")
  .slice(0, 6)}`;

const call = <T>(kind: "query" | "mutation", path: string, input: unknown) =>
  stack.call<T>(kind, path, input, { token, slug }).then((answer) => must(answer, path));

beforeAll(async () => {
  stack = await startStack({ worker: false });
  ({ accessToken: token } = await registerAndSignIn(stack, {
    email,
    name: "Flow Tester",
    tenantName: "Flow Org",
    tenantSlug: slug,
  }));
  const customer = await call<{ id: string }>("mutation", "customers.create", {
    email: `e2e-flow-customer-${unique("")}@example.test`,
    name: `Casey ${needle}`,
  });
  const old = await call<{ id: string }>("mutation", "tickets.create", {
    subject: "Printer jams on page two",
    body: "It stops after the first page.",
    customerId: customer.id,
    priority: "high",
  });
  for (const body of ["Tried another tray.", `The log says ${needle} overflow.`, "Still stuck."]) {
    await call("mutation", "tickets.addMessage", { ticketId: old.id, body });
  }
  await call("mutation", "tickets.create", { subject: "Unrelated question", body: "Hello." });
  context = await stack.newContext();
  await context.addInitScript({ path: AXE });
  await signInThroughApi(context, email);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

async function axeViolations(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    })) as { violations: { id: string; nodes: { target: string[] }[] }[] };
    return result.violations.map(
      (v) => `${v.id} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  });
}

describe("search", () => {
  test(
    "`/` focuses the header's field; a word from a later message finds the ticket; tabs and filters live in the URL",
    async () => {
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      try {
        await page.goto(`/t/${slug}/tickets`);
        await page.getByRole("link", { name: "Unrelated question" }).waitFor();
        await page.keyboard.press("/");
        const field = page.getByRole("searchbox", {
          name: "Search tickets, customers and articles",
        });
        expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
        await field.fill(needle);
        await field.press("Enter");
        await page.waitForURL(/\/search\?q=/);
        const hit = page.getByRole("link", { name: /Printer jams on page two/ });
        await hit.waitFor();
        await expect(page.locator(".search-hit mark").first().textContent()).resolves.toMatch(
          new RegExp(needle, "i"),
        );
        // The customer whose name holds the word is in the same answer.
        await page
          .getByRole("region", { name: "Customers" })
          .getByRole("link", { name: `Casey ${needle}` })
          .waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await stack.screenshot(page, "5x-search-results");
        // A filter that excludes it, then the Tickets tab: both in the URL.
        await page.getByLabel("Priority").selectOption("low");
        await page.waitForURL(/priority=low/);
        await page.getByText("No tickets match.").waitFor();
        await page.getByRole("link", { name: "Tickets", exact: true }).click();
        await page.waitForURL(/type=tickets/);
        expect(page.url()).toContain("priority=low");
        await page.getByLabel("Priority").selectOption("");
        await hit.waitFor();
        await hit.click();
        await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
        await page.getByText(`The log says ${needle} overflow.`).waitFor();
      } finally {
        await page.close();
      }
    },
    STEP_MS,
  );
});
