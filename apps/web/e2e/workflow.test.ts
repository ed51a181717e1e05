// The agents' workflow in Chromium against the real server: searching from the header (the `/`
// key, a word only in a later message, type tabs, a filter in the URL) with axe on the results;
// inserting a canned reply by typing `/` in the reply box; merging one ticket into another;
// saving a view and closing the tickets it shows in one bulk action.
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
  await call("mutation", "macros.create", {
    name: "Refund issued",
    body: "Hi {{customer.name}}, your refund for #{{ticket.number}} is on its way.",
    shared: true,
    actions: { status: "resolved", addTags: ["refund"] },
  });
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
        await page
          .getByRole("navigation", { name: "Result types" })
          .getByRole("link", { name: "Tickets", exact: true })
          .click();
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

describe("canned replies and merging", () => {
  test(
    "typing / in the reply box inserts a canned reply with its placeholders filled; sending applies its actions",
    async () => {
      const ticket = await call<{ id: string; number: number }>("mutation", "tickets.create", {
        subject: "Charged twice",
        body: "Please refund one.",
        customerId: (
          await call<{ id: string }>("mutation", "customers.create", {
            email: `e2e-refund-${unique("")}@example.test`,
            name: "Robin Refund",
          })
        ).id,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      try {
        await page.goto(`/t/${slug}/tickets/${ticket.id}`);
        const reply = page.getByRole("combobox", { name: "Reply" });
        await reply.click();
        await reply.pressSequentially("/ref");
        await page.getByRole("listbox", { name: "Canned replies" }).waitFor();
        await page.getByRole("option", { name: /Refund issued/ }).waitFor();
        await reply.press("Enter");
        await page.getByText(/Canned reply: Refund issued/).waitFor();
        expect(await reply.inputValue()).toBe(
          `Hi Robin Refund, your refund for #${ticket.number} is on its way.`,
        );
        await page.getByRole("button", { name: "Send reply" }).click();
        await page.getByText(`your refund for #${ticket.number} is on its way.`).first().waitFor();
        // The web applies the macro's actions once the reply is in.
        let after = { status: "", tags: [] as string[] };
        for (let i = 0; i < 50 && after.status !== "resolved"; i++) {
          after = await call("query", "tickets.get", { id: ticket.id });
          if (after.status !== "resolved") await Bun.sleep(200);
        }
        expect(after.status).toBe("resolved");
        expect(after.tags).toContain("refund");
      } finally {
        await page.close();
      }
    },
    STEP_MS,
  );

  test(
    "merging a ticket into another moves its conversation and sends the agent to the target",
    async () => {
      const target = await call<{ id: string; number: number }>("mutation", "tickets.create", {
        subject: "Cannot export",
        body: "The export button does nothing.",
      });
      const source = await call<{ id: string; number: number }>("mutation", "tickets.create", {
        subject: "Export broken again",
        body: "Same problem with the CSV export.",
      });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      try {
        await page.goto(`/t/${slug}/tickets/${source.id}`);
        await page.getByRole("button", { name: "Merge into…", exact: true }).click();
        const dialog = page.getByRole("dialog", {
          name: `Merge #${source.number} into another ticket`,
        });
        await dialog.getByLabel("Ticket to merge into").fill(`#${target.number}`);
        await dialog
          .getByRole("list", { name: "Matching tickets" })
          .getByRole("button", { name: new RegExp(`#${target.number}\\b`) })
          .click();
        await dialog.getByRole("button", { name: `Merge into #${target.number}` }).click();
        await page.waitForURL(new RegExp(`/tickets/${target.id}$`));
        await page.getByText(`Merged #${source.number} into this ticket.`).waitFor();
        await page.getByText("Same problem with the CSV export.").waitFor();
        await stack.screenshot(page, "5x-merged");
        // The source's address leads to the target.
        await page.goto(`/t/${slug}/tickets/${source.id}`);
        await page.waitForURL(new RegExp(`/tickets/${target.id}$`));
      } finally {
        await page.close();
      }
    },
    STEP_MS,
  );
});

describe("views and bulk actions", () => {
  test(
    "a saved view shows in the sidebar with its count; selecting its tickets and closing them in bulk",
    async () => {
      const tag = `bulk${unique("")
        .replace(/[^a-z0-9]/g, "")
        .slice(0, 6)}`;
      for (const subject of ["Bulk one", "Bulk two", "Bulk three"]) {
        await call("mutation", "tickets.create", { subject, body: "x", tags: [tag] });
      }
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      try {
        await page.goto(`/t/${slug}/tickets?tag=${tag}`);
        await page.getByRole("link", { name: "Bulk three" }).waitFor();
        const views = page.getByRole("navigation", { name: "Views" });
        await views.getByRole("button", { name: "Save view" }).click();
        const dialog = page.getByRole("dialog", { name: "Save view" });
        await dialog.getByRole("textbox", { name: "View name" }).fill(`Tagged ${tag}`);
        await dialog.getByRole("button", { name: "Save view" }).click();
        const saved = views.getByRole("link", { name: new RegExp(`Tagged ${tag}`) });
        await saved.waitFor();
        expect(await saved.getAttribute("aria-current")).toBe("page");
        await page.getByRole("checkbox", { name: "Select all loaded tickets" }).check();
        const bulk = page.getByRole("form", { name: "Bulk actions" });
        await bulk.getByLabel("Set status").selectOption("closed");
        await bulk.getByRole("button", { name: "Apply" }).click();
        await page.getByRole("status").filter({ hasText: "Updated 3 tickets." }).waitFor();
        await stack.screenshot(page, "5x-bulk-closed");
        const closed = await call<{ data: { status: string }[] }>("query", "tickets.list", {
          tag,
          perPage: 25,
        });
        expect(closed.data.map((t) => t.status)).toEqual(["closed", "closed", "closed"]);
      } finally {
        await page.close();
      }
    },
    STEP_MS,
  );
});

describe("keyboard", () => {
  test(
    "? lists the shortcuts; on a ticket r focuses the reply, a assigns it to me, e closes it; j reaches the inbox's rows",
    async () => {
      const ticket = await call<{ id: string }>("mutation", "tickets.create", {
        subject: "Keyboard only, please",
        body: "No mouse here.",
      });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      try {
        await page.goto(`/t/${slug}/tickets/${ticket.id}`);
        await page.getByRole("heading", { name: /Keyboard only, please/ }).waitFor();
        await page.keyboard.press("?");
        const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
        await help.waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.keyboard.press("Escape");
        await help.waitFor({ state: "detached" });
        await page.keyboard.press("r");
        const reply = page.getByRole("combobox", { name: "Reply" });
        expect(await reply.evaluate((el) => el === document.activeElement)).toBe(true);
        await reply.evaluate((el) => (el as HTMLElement).blur());
        await page.keyboard.press("a");
        await page.getByText("Assigned to you.").waitFor();
        await page.keyboard.press("e");
        await page.getByText("Ticket closed.").waitFor();
        const after = await call<{ status: string; assigneeId: string | null }>(
          "query",
          "tickets.get",
          { id: ticket.id },
        );
        expect(after.status).toBe("closed");
        expect(after.assigneeId).not.toBeNull();
        await page.goto(`/t/${slug}/tickets`);
        await page.getByRole("link", { name: "Keyboard only, please" }).waitFor();
        await page.keyboard.press("j");
        await page.waitForFunction(() => document.activeElement?.closest(".ticket-list") !== null);
      } finally {
        await page.close();
      }
    },
    STEP_MS,
  );
});
