// Helpers for the email-channel browser test (email.test.ts): a tenant with its owner (the agent)
// and an admin who joined by invitation, a real SMTP client (nodemailer) sending to the worker's
// receiver, a PNG drawn by Chromium, captured emails' sources, and waiting for the API to agree.
import { expect } from "bun:test";
import { createRequire } from "node:module";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { registerAndSignIn, signInThroughApi } from "./accounts";
import { axeReport } from "./contact-kit";
import {
  type Browser,
  type BrowserContext,
  must,
  PASSWORD,
  type Page,
  type Stack,
  unique,
} from "./harness";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

export type Person = { email: string; name: string; token: string };

export type EmailDesk = {
  slug: string;
  /** The tenant's support address, `<slug>@<inbound domain>`. */
  address: string;
  owner: Person;
  admin: Person;
};

/**
 * A new tenant whose owner answers tickets, and an admin (verified, invited, accepted) for the
 * email settings — all through the API.
 */
export async function setUpDesk(stack: Stack): Promise<EmailDesk> {
  const inbound = stack.inbound;
  if (!inbound) throw new Error("the stack was started without `inbound: true`");
  const slug = `e2e-em-${unique("")}`;
  const owner = { email: `e2e-em-owner-${unique("")}@example.test`, name: "Olive Agent" };
  const signedIn = await registerAndSignIn(stack, {
    ...owner,
    tenantName: "Email Org",
    tenantSlug: slug,
  });
  const admin = { email: `e2e-em-admin-${unique("")}@example.test`, name: "Ada Admin" };
  const adminIn = await registerAndSignIn(stack, admin);
  // Joining takes a verified address: the link of the verification email.
  const verify = new URL(await stack.readEmail(admin.email, "Verify your email"));
  must(
    await stack.call("mutation", "auth.verifyEmail", {
      token: verify.searchParams.get("token"),
      tokenDelivery: "body",
    }),
    "auth.verifyEmail",
  );
  must(
    await stack.call(
      "mutation",
      "invitations.create",
      { email: admin.email, role: "admin" },
      { token: signedIn.accessToken, slug },
    ),
    "invitations.create",
  );
  const invite = new URL(await stack.readEmail(admin.email, "invited you"));
  must(
    await stack.call(
      "mutation",
      "invitations.accept",
      { token: decodeURIComponent(invite.pathname.split("/").at(-1) ?? "") },
      { token: adminIn.accessToken },
    ),
    "invitations.accept",
  );
  return {
    slug,
    address: `${slug}@${inbound.domain}`,
    owner: { ...owner, token: signedIn.accessToken },
    admin: { ...admin, token: adminIn.accessToken },
  };
}

/** A real SMTP client to the worker's receiver; `send` rejects with the server's refusal. */
export function smtpClient(stack: Stack) {
  const inbound = stack.inbound;
  if (!inbound) throw new Error("the stack was started without `inbound: true`");
  const transport = nodemailer.createTransport({
    host: inbound.host,
    port: inbound.port,
    secure: false,
    ignoreTLS: true,
  });
  return {
    send: (message: Mail.Options) => transport.sendMail(message),
    close: () => transport.close(),
  };
}

/** A new browser profile that carries axe-core (an init script: the app's CSP allows no other). */
export async function profileWithAxe(stack: Stack, email: string): Promise<BrowserContext> {
  const context = await stack.newContext();
  await context.addInitScript({ path: AXE });
  await signInThroughApi(context, email, PASSWORD);
  return context;
}

/** A real PNG (a small coloured card with a word on it), drawn and photographed by Chromium. */
export async function drawPng(browser: Browser, word: string): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.setContent(
      `<div id="card" style="width:160px;height:90px;display:grid;place-items:center;background:#3b5bdb;color:#fff;font:bold 20px sans-serif">${word}</div>`,
    );
    return await page.locator("#card").screenshot({ type: "png" });
  } finally {
    await page.close();
  }
}

/** A captured email exactly as it arrived at the capture (MailDev's source). */
export async function mailSource(stack: Stack, id: string): Promise<string> {
  const response = await fetch(`${stack.mail.webUrl}/api/email/${id}/source`);
  if (!response.ok) throw new Error(`MailDev source of ${id} answered ${response.status}`);
  return response.text();
}

/** A header of a raw message (its first occurrence, unfolded), or "" when it has none. */
export function headerOf(source: string, name: string): string {
  const head = source.split(/\r?\n\r?\n/, 1)[0] ?? "";
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const wanted = `${name.toLowerCase()}:`;
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(wanted));
  return line ? line.slice(wanted.length).trim() : "";
}

/**
 * Asks `read` until `ok` holds of what it returns, then returns that; after `timeoutMs` fails with
 * `what` and the last answer (the worker files mail on its own time).
 */
export async function until<T>(
  what: string,
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${timeoutMs} ms; last seen ${JSON.stringify(value)}`);
    }
    await Bun.sleep(200);
  }
}

/** A unique Message-ID, with its brackets, on a customer's domain. */
export const newMessageId = (label: string) => `<${label}-${crypto.randomUUID()}@example.test>`;

/** The page is settled, photographed as `name`, and axe-clean (WCAG 2.1 A/AA). */
export async function expectAxeClean(stack: Stack, page: Page, name: string): Promise<void> {
  await page.waitForLoadState("networkidle").catch(() => {});
  await stack.screenshot(page, name);
  expect({ page: name, axe: await axeReport(page) }).toEqual({ page: name, axe: "" });
}

export type InboundRow = {
  id: string;
  status: string;
  attempts: number;
  envelopeFrom: string | null;
  reason: string | null;
};

/** The tenant's received mail (of one status), newest first, through the API as the admin. */
export async function receivedMail(
  stack: Stack,
  desk: EmailDesk,
  status?: string,
): Promise<InboundRow[]> {
  const answer = await stack.call<{ data: InboundRow[] }>(
    "query",
    "email.inbound.list",
    { limit: 100, ...(status ? { status } : {}) },
    { token: desk.admin.token, slug: desk.slug },
  );
  return must(answer, "email.inbound.list").data;
}

/**
 * Waits until `count` emails from `sender` have all been filed (none still waiting) and expects
 * them on tickets: a refusal fails here with its reason, not as a line missing on screen.
 */
export async function expectFiled(
  stack: Stack,
  desk: EmailDesk,
  sender: string,
  count: number,
): Promise<void> {
  const from = (rows: InboundRow[]) => rows.filter((r) => r.envelopeFrom === sender);
  const rows = await until(
    `${count} email(s) from ${sender} filed`,
    () => receivedMail(stack, desk),
    (all) => from(all).length === count && from(all).every((r) => r.status !== "received"),
  );
  // "missing from storage" means another stack's worker took the job: stacks running at once on
  // one test database share its outbox (see StackOptions.inbound in harness.ts).
  expect(from(rows).map((r) => [r.status, r.reason])).toEqual(
    Array.from({ length: count }, () => ["processed", null]),
  );
}
