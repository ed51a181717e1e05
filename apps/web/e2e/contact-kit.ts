// Helpers for the contact-form browser test (contact.test.ts): a tenant with published articles
// and inquiry types, an anonymous profile that records CSP violations and carries axe-core, and
// the links in a captured email's HTML.
import { expect } from "bun:test";
import { createRequire } from "node:module";
import { registerAndSignIn } from "./accounts";
import { type BrowserContext, must, type Page, type Stack, unique } from "./harness";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** A fresh tenant, its owner (the agent) and what its help centre offers. */
export type ContactTenant = {
  slug: string;
  ownerEmail: string;
  ownerName: string;
  token: string;
  articles: { title: string; slug: string }[];
  inquiryType: { name: string; description: string };
};

/**
 * Registers an owner with a new tenant, publishes two articles in a category and sets one
 * inquiry type (high priority, tagged "billing", nobody assigned), all through the API.
 */
export async function setUpTenant(stack: Stack): Promise<ContactTenant> {
  const slug = `e2e-ct-${unique("")}`;
  const ownerEmail = `e2e-ct-owner-${unique("")}@example.test`;
  const ownerName = "Olive Agent";
  const { accessToken: token } = await registerAndSignIn(stack, {
    email: ownerEmail,
    name: ownerName,
    tenantName: "Contact Org",
    tenantSlug: slug,
  });
  const call = async <T>(path: string, input: unknown) =>
    must(await stack.call<T>("mutation", path, input, { token, slug }), path);
  const category = await call<{ id: string }>("kb.categories.create", {
    name: "Billing",
    slug: "billing",
    description: "Plans, invoices and refunds",
  });
  const articles: ContactTenant["articles"] = [];
  for (const [title, body] of [
    ["Refunds and cancellations", "Refunds reach your card within five days."],
    ["Changing your plan", "Pick a new plan under **Settings → Plan**."],
  ] as const) {
    const made = await call<{ id: string; slug: string }>("kb.articles.create", {
      title,
      body,
      categoryId: category.id,
      excerpt: `${title}, in short.`,
    });
    await call("kb.articles.publish", { id: made.id });
    articles.push({ title, slug: made.slug });
  }
  const inquiryType = { name: "Billing", description: "Invoices, refunds and plans" };
  await call("helpCentre.settings.update", {
    inquiryTypes: [
      { ...inquiryType, priority: "high", tags: ["billing"], assigneeId: null },
      { name: "Something else", description: "", priority: "normal", tags: [], assigneeId: null },
    ],
  });
  return { slug, ownerEmail, ownerName, token, articles, inquiryType };
}

type Recorder = { __csp: string[] };

/** An anonymous profile (no cookies) that records CSP violations and carries axe-core. */
export async function anonymousVisitor(stack: Stack): Promise<BrowserContext> {
  const context = await stack.newContext();
  // Init scripts come through DevTools, so the help centre's CSP does not stop them.
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as Recorder).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`),
    );
  });
  await context.addInitScript({ path: AXE });
  return context;
}

/** The CSP violations the page has recorded since it loaded. */
export const cspViolations = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as Recorder).__csp ?? ["no recorder on this page"]);

type Violation = { id: string; help: string; nodes: { target: string[]; summary?: string }[] };

/** axe-core's WCAG 2.1 A/AA violations on the page as it is now, in words ("" when none). */
export async function axeReport(page: Page): Promise<string> {
  const found: Violation[] = await page.evaluate(async () => {
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
  return found
    .map(
      (v) =>
        `${v.id}: ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `    at ${n.target.join(" ")}: ${n.summary?.replaceAll("\n", " ")}`)
          .join("\n")}`,
    )
    .join("\n");
}

/** The page is settled, axe-clean and CSP-clean, and photographed as `name`. */
export async function expectCleanPage(stack: Stack, page: Page, name: string): Promise<void> {
  await page.waitForLoadState("networkidle").catch(() => {});
  await stack.screenshot(page, name);
  expect({ page: name, csp: await cspViolations(page) }).toEqual({ page: name, csp: [] });
  expect({ page: name, axe: await axeReport(page) }).toEqual({ page: name, axe: "" });
}

/** The href of the email HTML's link whose text is `label` (the button), entities undone. */
export function linkLabelled(html: string, label: string): string | undefined {
  for (const match of html.matchAll(/<a\s[^>]*href="([^"]+)"[^>]*>([^<]*)<\/a>/g)) {
    if (match[2]?.trim() === label) {
      return (match[1] ?? "")
        .replaceAll("&amp;", "&")
        .replaceAll("&#39;", "'")
        .replaceAll("&quot;", '"');
    }
  }
  return undefined;
}

/** The value an earlier step made, or an error saying that step failed. */
export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`no ${what}: an earlier step failed`);
  return value;
}

/** Marks the document, to prove later (`sameDocument`) that it was never reloaded. */
export const mark = (page: Page): Promise<void> =>
  page.evaluate(() => {
    (window as unknown as { e2eMarker: boolean }).e2eMarker = true;
  });

export const sameDocument = (page: Page): Promise<boolean> =>
  page.evaluate(() => (window as unknown as { e2eMarker?: boolean }).e2eMarker === true);
