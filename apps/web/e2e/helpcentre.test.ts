// The public help centre in Chromium, as an anonymous visitor, under `/hc/<slug>/` and on the
// tenant's host `<slug>.<platform domain>`: home → category → article (table, headings, contents,
// inert XSS) → search (hits marked, typos forgiven) → the one 404 for drafts, archived and unknown
// articles → the sitemap. Every page is axe-clean (WCAG 2.1 A/AA) and CSP-clean, and the same
// walk works with JavaScript turned off.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createRequire } from "node:module";
import { registerAndSignIn } from "./accounts";
import { type BrowserContext, must, type Page, type Stack, startStack, unique } from "./harness";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const STEP_MS = 120_000;
/** Tenant hosts under a domain no DNS answers: Chromium maps them to the server itself. */
const DOMAIN = "helpcentre-e2e.test";
const DISPLAY_NAME = "Quokka Help";

type Recorder = { __csp: string[]; __dialogs?: string[] };
type Violation = { id: string; help: string; nodes: { target: string[]; summary?: string }[] };

let stack: Stack;
const slug = `e2e-hc-${unique("")}`;
const email = `e2e-hc-${unique("")}@example.test`;
const published: { title: string; slug: string }[] = [];
let draftSlug = "";
let archivedSlug = "";

const REFUND_BODY = [
  "Refunds reach your card within five days. We call it a reimbursement.",
  "## Asking for a refund",
  "Write to [our billing team](https://example.com/billing) with your invoice number.",
  "| Plan | Refund window |\n| --- | --- |\n| Monthly | 14 days |\n| Yearly | 30 days |",
  "## Cancelling a plan",
  "Cancel any time from Settings.",
  "<img src=x onerror=alert(1)>",
  "[x](javascript:alert(1))",
].join("\n\n");

beforeAll(async () => {
  stack = await startStack({
    worker: false,
    platformDomain: DOMAIN,
    chromiumArgs: [`--host-resolver-rules=MAP *.${DOMAIN} 127.0.0.1`],
  });
  const { accessToken: token } = await registerAndSignIn(stack, {
    email,
    name: "Hana Owner",
    tenantName: "Quokka Org",
    tenantSlug: slug,
  });
  const as = { token, slug };
  const call = async <T>(path: string, input: unknown) =>
    must(await stack.call<T>("mutation", path, input, as), path);
  await call("tenants.update", {
    branding: {
      displayName: DISPLAY_NAME,
      primaryColor: "#0f766e",
      // Nothing listens there: the image fails, its alt text stays.
      logoUrl: "https://127.0.0.1:9/quokka-logo.png",
    },
  });
  const billing = await call<{ id: string }>("kb.categories.create", {
    name: "Billing",
    slug: "billing",
    description: "Plans, invoices and refunds",
  });
  const accounts = await call<{ id: string }>("kb.categories.create", {
    name: "Accounts",
    slug: "accounts",
    description: "Signing in and out",
  });
  const article = async (title: string, body: string, categoryId: string) =>
    call<{ id: string; slug: string }>("kb.articles.create", {
      title,
      body,
      categoryId,
      excerpt: `${title}, in short.`,
    });
  for (const [title, body, categoryId] of [
    ["Refunds and cancellations", REFUND_BODY, billing.id],
    ["Changing your plan", "Pick a new plan under **Settings → Plan**.", billing.id],
    [
      "Resetting your password",
      "## Steps\n\n1. Open **Sign in**.\n2. Choose *Forgot*.",
      accounts.id,
    ],
  ] as const) {
    const made = await article(title, body, categoryId);
    await call("kb.articles.publish", { id: made.id });
    published.push({ title, slug: made.slug });
  }
  draftSlug = (await article("Unreleased roadmap", "The zebracorn launch.", billing.id)).slug;
  const archived = await article("Retired pricing", "Old prices.", billing.id);
  await call("kb.articles.publish", { id: archived.id });
  await call("kb.articles.archive", { id: archived.id });
  archivedSlug = archived.slug;
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

/** An anonymous profile; with JavaScript, it records CSP violations and carries axe-core. */
async function visitor(javaScriptEnabled: boolean): Promise<BrowserContext> {
  const context = await stack.browser.newContext({
    javaScriptEnabled,
    viewport: { width: 1280, height: 900 },
  });
  if (javaScriptEnabled) {
    // Init scripts come through DevTools, so the help centre's CSP does not stop them.
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as Recorder).__csp = seen;
      document.addEventListener("securitypolicyviolation", (e) =>
        seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`),
      );
    });
    await context.addInitScript({ path: AXE });
  }
  return context;
}

async function axeViolations(page: Page): Promise<Violation[]> {
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    })) as {
      violations: {
        id: string;
        help: string;
        nodes: { target: string[]; failureSummary?: string }[];
      }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
    }));
  });
}

const describeViolations = (found: Violation[]) =>
  found
    .map(
      (v) =>
        `${v.id}: ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `    at ${n.target.join(" ")}: ${n.summary?.replaceAll("\n", " ")}`)
          .join("\n")}`,
    )
    .join("\n");

/** One walk through a help centre at `base` (no trailing slash), in `context`. */
async function walk(context: BrowserContext, base: string, shots: string, js: boolean) {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  let shot = 0;
  /** The page is loaded, axe- and CSP-clean (with JS), and photographed. */
  const settle = async (name: string) => {
    await page.waitForLoadState("networkidle").catch(() => {});
    if (js) {
      const csp = await page.evaluate(() => (window as unknown as Recorder).__csp);
      expect({ url: page.url(), csp }).toEqual({ url: page.url(), csp: [] });
      expect(describeViolations(await axeViolations(page))).toBe("");
    }
    shot += 1;
    await stack.screenshot(page, `hc-${shots}${String(shot).padStart(2, "0")}-${name}`);
  };
  const [refunds, plan, password] = published as [
    (typeof published)[0],
    (typeof published)[0],
    (typeof published)[0],
  ];
  try {
    // Home: the tenant's name, its logo with alt text, both categories and their articles.
    const home = await page.goto(`${base}/`);
    expect(home?.status()).toBe(200);
    expect(await page.title()).toBe(DISPLAY_NAME);
    await expect(page.locator(".site-header .brand").textContent()).resolves.toContain(
      DISPLAY_NAME,
    );
    expect(await page.locator(".site-header img").getAttribute("alt")).toBe(`${DISPLAY_NAME} logo`);
    for (const name of ["Billing", "Accounts"]) {
      await page.getByRole("link", { name, exact: true }).waitFor();
    }
    for (const a of published) {
      expect(await page.getByRole("link", { name: a.title }).getAttribute("href")).toEndWith(
        `/articles/${a.slug}`,
      );
    }
    await expect(page.content()).resolves.not.toContain("Unreleased roadmap");
    await settle("home");

    // A category, then an article in it.
    await page.getByRole("link", { name: "Billing", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Billing" }).waitFor();
    expect(new URL(page.url()).pathname).toEndWith("/categories/billing");
    await page.getByRole("link", { name: plan.title }).waitFor();
    await expect(page.content()).resolves.not.toContain("Retired pricing");
    await settle("category");

    await page.getByRole("link", { name: refunds.title }).click();
    await page.getByRole("heading", { level: 1, name: refunds.title }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Asking for a refund" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Cancelling a plan" }).waitFor();
    const table = page.locator("article table");
    expect(await table.locator("th").allInnerTexts()).toEqual(["Plan", "Refund window"]);
    expect(await table.locator("tbody tr").count()).toBe(2);
    const toc = page.getByRole("navigation", { name: "On this page" });
    expect(await toc.getByRole("link").allInnerTexts()).toEqual([
      "Asking for a refund",
      "Cancelling a plan",
    ]);
    const target = await toc.getByRole("link").first().getAttribute("href");
    expect((await page.locator(`[id="${target?.slice(1)}"]`).textContent())?.trim()).toBe(
      "Asking for a refund",
    );
    expect(await page.getByRole("link", { name: "our billing team" }).getAttribute("href")).toBe(
      "https://example.com/billing",
    );
    // The attack is inert: no handler attribute, no javascript: link, no dialog.
    expect(await page.locator("[onerror], [onclick], [onload]").count()).toBe(0);
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    await settle("article");
    expect(dialogs).toEqual([]);

    // Search from the header's form: a word of the body, hits marked.
    await page.getByRole("searchbox", { name: "Search the help centre" }).fill("reimbursement");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("heading", { level: 1, name: /Results for/ }).waitFor();
    expect(new URL(page.url()).pathname).toEndWith("/search");
    const results = page.locator("ol.results");
    await results.getByRole("link", { name: refunds.title }).waitFor();
    expect((await results.locator("mark").allInnerTexts()).map((t) => t.toLowerCase())).toContain(
      "reimbursement",
    );
    await settle("search");

    // A typo in a title word still finds it.
    await page.getByRole("searchbox", { name: "Search the help centre" }).fill("pasword");
    await page.getByRole("button", { name: "Search" }).click();
    await page.locator("ol.results").getByRole("link", { name: password.title }).waitFor();
    await settle("search-typo");

    // The draft's, the archived article's and a made-up slug's pages: one and the same 404.
    const texts: string[] = [];
    for (const missing of [draftSlug, archivedSlug, "no-such-article-here"]) {
      const response = await page.goto(`${base}/articles/${missing}`);
      expect({ missing, status: response?.status() }).toEqual({ missing, status: 404 });
      texts.push((await page.locator("body").textContent()) ?? "");
    }
    expect(texts[0]).toContain("Page not found");
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).not.toContain(DISPLAY_NAME);
    await settle("not-found");

    // The sitemap: the published articles, never the draft or the archived one.
    const sitemap = await page.goto(`${base}/sitemap.xml`);
    const xml = (await sitemap?.text()) ?? "";
    expect(sitemap?.status()).toBe(200);
    for (const a of published) expect(xml).toContain(`${base}/articles/${a.slug}</loc>`);
    expect(xml).not.toContain(`/articles/${draftSlug}<`);
    expect(xml).not.toContain(`/articles/${archivedSlug}<`);
    expect(dialogs).toEqual([]);
  } finally {
    await page.close();
  }
}

describe("the public help centre in a browser", () => {
  test(
    "under /hc/<slug>/: home, category, article, search, 404 and sitemap, axe- and CSP-clean",
    async () => {
      const context = await visitor(true);
      try {
        await walk(context, `${stack.url}/hc/${slug}`, "", true);
      } finally {
        await context.close();
      }
    },
    STEP_MS,
  );

  test(
    "on the tenant's host <slug>.<platform domain>: the same pages, axe- and CSP-clean",
    async () => {
      const context = await visitor(true);
      try {
        const port = new URL(stack.url).port;
        await walk(context, `http://${slug}.${DOMAIN}:${port}`, "host-", true);
      } finally {
        await context.close();
      }
    },
    STEP_MS,
  );

  test(
    "with JavaScript turned off, every page and the search form still work",
    async () => {
      const context = await visitor(false);
      try {
        await walk(context, `${stack.url}/hc/${slug}`, "nojs-", false);
      } finally {
        await context.close();
      }
    },
    STEP_MS,
  );
});
