// The flows flow.test.ts leaves out, in a real browser: password reset, organisation settings,
// API keys, invitations (resend, revoke), members (roles, ownership, leaving), sessions, the audit
// log, the sign-in gate, and custom roles (made, given, felt by their holder, edited, deleted).
//
// Each test makes its own people and organisations through the API (what it tests happens in the
// browser), so one failure does not take the others down. The audit-log test reads what the
// invitation and member tests did; when those did not get that far it makes the entries itself
// through the API, and a line "[e2e] fallback: …" says so.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import type { Locator } from "playwright-core";
import { signInThroughApi } from "./accounts";
import {
  type BrowserContext,
  must,
  PASSWORD,
  type Page,
  type Stack,
  startStack,
  unique,
} from "./harness";

const STEP_MS = 60_000;
/** How long one screen element may take to appear. */
const UI_MS = 15_000;

let stack: Stack;
/** Browser profiles opened by the running test; closed after it. */
let contexts: BrowserContext[] = [];

beforeAll(async () => {
  stack = await startStack();
}, 60_000);

afterEach(async () => {
  const open = contexts;
  contexts = [];
  await Promise.all(open.map((c) => c.close().catch(() => {})));
});

afterAll(async () => {
  await stack?.stop();
});

function fallback(what: string) {
  console.log(`[e2e] fallback: ${what}`);
}

type Person = {
  name: string;
  email: string;
  password: string;
  /** The organisation the person registered with, if any. */
  slug?: string;
  tenantName?: string;
  /** An access token from the API registration (its session's user agent is Bun's). */
  token: string;
  userId: string;
};

type SignedIn = { accessToken: string; user: { id: string } };

/** Registers someone through the API; with their own organisation unless `tenant: false`. */
async function register(
  label: string,
  options: { tenant?: boolean; verify?: boolean } = {},
): Promise<Person> {
  const id = unique("");
  const lower = label.toLowerCase();
  const who = {
    name: `${label} Tester ${id}`,
    email: `e2e2-${lower}-${id}@example.test`,
    password: PASSWORD,
    ...(options.tenant === false
      ? {}
      : { tenantName: `${label} Org ${id}`, slug: `e2e2-${lower}-${id}` }),
  };
  must(
    await stack.call("mutation", "auth.register", {
      email: who.email,
      password: who.password,
      name: who.name,
      ...(who.slug ? { tenantName: who.tenantName, tenantSlug: who.slug } : {}),
    }),
    `registering ${label}`,
  );
  // Registration signs nobody in (its email link does); the password works before verifying.
  const data = must(
    await stack.call<SignedIn>("mutation", "auth.login", {
      email: who.email,
      password: who.password,
      tokenDelivery: "body",
    }),
    `signing ${label} in`,
  );
  const person: Person = { ...who, token: data.accessToken, userId: data.user.id };
  if (options.verify) await verify(person);
  return person;
}

/** Verifies the email with the link from the verification email (through the API). */
async function verify(who: Person): Promise<void> {
  const link = await stack.readEmail(who.email, "Verify your email");
  const token = new URL(link).searchParams.get("token");
  must(
    await stack.call("mutation", "auth.verifyEmail", { token, tokenDelivery: "body" }),
    `verifying ${who.email}`,
  );
}

/** The invitation's token from its link (`/invite/<token>`). */
function inviteToken(link: string): string {
  return decodeURIComponent(new URL(link).pathname.split("/").at(-1) ?? "");
}

/** `who` (verified) joins `owner`'s organisation with `role`, through the API. */
async function join(owner: Person, who: Person, role: "admin" | "member" | "viewer") {
  const slug = owner.slug;
  must(
    await stack.call(
      "mutation",
      "invitations.create",
      { email: who.email, role },
      { token: owner.token, slug },
    ),
    `inviting ${who.email}`,
  );
  const link = await stack.readEmail(who.email, "invited you");
  must(
    await stack.call(
      "mutation",
      "invitations.accept",
      { token: inviteToken(link) },
      { token: who.token },
    ),
    `${who.email} accepting`,
  );
}

/** A new browser profile; signed in as `who` when given (sign-in is not what is tested). */
async function browser(who?: Person): Promise<BrowserContext> {
  const context = await stack.newContext();
  contexts.push(context);
  if (who) await signInThroughApi(context, who.email, who.password);
  return context;
}

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(UI_MS);
  await page.goto(path);
  return page;
}

/** The links (to the app) of every email to `to` with `subject`, oldest first, once there are `atLeast`. */
async function emailLinks(to: string, subject: string, atLeast: number): Promise<string[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = (await stack.mail.messages()).filter(
      (m) => m.to.includes(to) && m.subject.includes(subject),
    );
    if (found.length >= atLeast) {
      return found.map((m) => {
        const link = [...`${m.text}\n${m.html}`.matchAll(/https?:\/\/[^\s"'<>)]+/g)]
          .map((x) => x[0].replaceAll("&amp;", "&"))
          .find((x) => x.startsWith(stack.url));
        if (!link) throw new Error(`"${m.subject}" to ${to} holds no link`);
        return link;
      });
    }
    if (Date.now() > deadline) {
      throw new Error(`${found.length} emails "${subject}" to ${to}, wanted ${atLeast}`);
    }
    await Bun.sleep(100);
  }
}

/** The error shown for a field: the role=alert text its aria-describedby points at. */
async function fieldError(field: Locator): Promise<string> {
  await field.and(field.page().locator('[aria-invalid="true"]')).waitFor();
  return field.evaluate((el) =>
    (el.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .map((id) => document.getElementById(id))
      .filter((node) => node?.getAttribute("role") === "alert")
      .map((node) => node?.textContent ?? "")
      .join(" ")
      .trim(),
  );
}

/** Waits until the page's path is `path`. */
async function waitForPath(page: Page, path: string) {
  await page.waitForURL((url) => url.pathname === path, { timeout: UI_MS });
}

/**
 * On the audit page: different targets get different labels (the full id is each label's title),
 * and so do different former members among the actors of `member.leave`.
 */
async function expectDistinctLabels(page: Page) {
  const targets = await page
    .getByRole("cell")
    .locator("span[title]")
    .evaluateAll((spans) =>
      spans.map((s) => [s.getAttribute("title") ?? "", (s.textContent ?? "").trim()] as const),
    );
  const labelOf = new Map(targets);
  expect(labelOf.size).toBeGreaterThan(1);
  expect(new Set(labelOf.values()).size).toBe(labelOf.size);
  const leavers = await page
    .locator("tr")
    .filter({ has: page.locator("code.sd-action", { hasText: "member.leave" }) })
    .evaluateAll((rows) => rows.map((r) => r.querySelector("td")?.textContent ?? ""));
  expect(new Set(leavers).size).toBe(leavers.length);
}

/** What the audit-log test reads, left by the invitation and member tests when they got there. */
const done: {
  invitations?: { admin: Person; invitee: string };
  members?: { formerOwner: Person; changed: Person };
} = {};

describe("settings, account and access in the browser", () => {
  test(
    "1. forgot password → reset email → new password works, the old one is refused",
    async () => {
      const who = await register("Rita");
      const context = await browser();
      const page = await open(context, "/login");
      await page.getByRole("link", { name: "Forgot your password?" }).click();
      await page.getByRole("heading", { name: "Reset your password" }).waitFor();
      await page.getByLabel("Email", { exact: true }).fill(who.email);
      await stack.screenshot(page, "21-a-forgot-password");
      await page.getByRole("button", { name: "Send reset link" }).click();
      await page.getByRole("heading", { name: "Check your email" }).waitFor();

      const link = await stack.readEmail(who.email, "Reset your");
      expect(new URL(link).pathname).toBe("/reset-password");
      await page.goto(link);
      await page.getByRole("heading", { name: "Choose a new password" }).waitFor();
      // Too short first: said next to the field, nothing sent.
      await page.getByLabel("New password", { exact: true }).fill("short");
      await page.getByRole("button", { name: "Set new password" }).click();
      expect(await fieldError(page.getByLabel("New password", { exact: true }))).toContain(
        "at least 8 characters",
      );
      const newPassword = `new ${PASSWORD} ${unique("")}`;
      await page.getByLabel("New password", { exact: true }).fill(newPassword);
      await stack.screenshot(page, "21-b-reset-password");
      await page.getByRole("button", { name: "Set new password" }).click();
      await page.getByRole("heading", { name: "Password changed — sign in again" }).waitFor();
      await stack.screenshot(page, "21-c-password-changed");

      // The link works once: opened again, it says so before offering a form.
      await page.goto(link);
      await page.getByRole("heading", { name: "This link didn't work" }).waitFor();
      expect(await page.getByLabel("New password", { exact: true }).count()).toBe(0);
      await page.getByText("expired or was already used").waitFor();

      // The old password is refused, next to the password field.
      await page.goto("/login");
      await page.getByLabel("Email", { exact: true }).fill(who.email);
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      expect(await fieldError(page.getByLabel("Password", { exact: true }))).toBe(
        "Email or password is incorrect.",
      );
      expect(new URL(page.url()).pathname).toBe("/login");
      await stack.screenshot(page, "21-d-old-password-refused");

      // The new one signs in and lands in the organisation.
      await page.getByLabel("Password", { exact: true }).fill(newPassword);
      await page.getByRole("button", { name: "Sign in" }).click();
      await waitForPath(page, `/t/${who.slug}/tickets`);
      await page.getByRole("heading", { name: "Tickets" }).waitFor();

      // The session the API registration opened ended with the reset.
      const me = await stack.call("query", "auth.me", undefined, { token: who.token });
      expect(me.status).toBe(401);
    },
    STEP_MS,
  );

  test(
    "2. an owner renames the organisation and sets its branding; bad values are refused beside their field",
    async () => {
      const owner = await register("Olga");
      const context = await browser(owner);
      const page = await open(context, `/t/${owner.slug}/settings`);
      await waitForPath(page, `/t/${owner.slug}/settings/organisation`);
      await page.getByRole("heading", { name: "Organisation", level: 2 }).waitFor();
      const name = page.getByLabel("Name", { exact: true });
      const logo = page.getByLabel("Logo URL", { exact: true });
      const save = page.getByRole("button", { name: "Save changes" });
      expect(await name.inputValue()).toBe(owner.tenantName ?? "");

      // An empty name.
      await name.fill("");
      await save.click();
      // In words, not the validator's ("Too small: expected string to have >=1 characters").
      const nameError = await fieldError(name);
      expect(nameError).toContain("name");
      expect(nameError).not.toMatch(/expected|string|>=/);
      await stack.screenshot(page, "22-a-organisation-empty-name");
      // A logo that is not an https:// address.
      await name.fill(owner.tenantName ?? "");
      await logo.fill("http://example.com/logo.png");
      await save.click();
      expect(await fieldError(logo)).toBe("Must be an https:// URL");
      expect(await name.getAttribute("aria-invalid")).toBeNull();
      await stack.screenshot(page, "22-b-organisation-bad-logo");
      // The colour is a native colour picker: it cannot hold anything but #rrggbb.
      expect(await page.getByLabel("Primary colour", { exact: true }).getAttribute("type")).toBe(
        "color",
      );

      const renamed = `Renamed Org ${unique("")}`;
      const displayName = `Help at ${unique("")}`;
      await name.fill(renamed);
      await page.getByLabel("Display name", { exact: true }).fill(displayName);
      await page.getByLabel("Primary colour", { exact: true }).fill("#c2255c");
      await logo.fill("https://example.com/logo.png");
      await save.click();
      await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
      expect(await logo.getAttribute("aria-invalid")).toBeNull();
      await page.getByRole("img", { name: "Logo preview" }).waitFor();

      // The header's switcher names the organisation anew, without a reload.
      const switcher = page.getByLabel("Organisation", { exact: true });
      await switcher.locator("option:checked", { hasText: renamed }).waitFor({ state: "attached" });
      await stack.screenshot(page, "22-c-organisation-saved");

      // And it was stored: after a reload the form and the switcher show the new values.
      await page.reload();
      await page.getByRole("heading", { name: "Organisation", level: 2 }).waitFor();
      expect(await name.inputValue()).toBe(renamed);
      expect(await page.getByLabel("Display name", { exact: true }).inputValue()).toBe(displayName);
      expect(await page.getByLabel("Primary colour", { exact: true }).inputValue()).toBe("#c2255c");
      expect(await logo.inputValue()).toBe("https://example.com/logo.png");
      await switcher.locator("option:checked", { hasText: renamed }).waitFor({ state: "attached" });

      // Emptying the logo removes it (it does not silently keep the old one).
      await logo.fill("");
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.getByText("Saved.").waitFor();
      await page.reload();
      await page.getByRole("heading", { name: "Organisation", level: 2 }).waitFor();
      expect(await logo.inputValue()).toBe("");
      expect(await page.getByRole("img", { name: "Logo preview" }).count()).toBe(0);
    },
    STEP_MS,
  );

  test(
    "3. API keys: the secret is shown once, works against the API, and is refused once revoked",
    async () => {
      const owner = await register("Kai");
      const context = await browser(owner);
      const page = await open(context, `/t/${owner.slug}/settings/api-keys`);
      await page.getByRole("heading", { name: "API keys", level: 2 }).waitFor();
      const keyName = `CRM sync ${unique("")}`;
      await page.getByLabel("Name", { exact: true }).fill(keyName);
      await page.getByLabel("Role", { exact: true }).selectOption("member");
      await page.getByRole("button", { name: "Create key" }).click();
      await page.getByRole("heading", { name: `Key “${keyName}” created` }).waitFor();
      const secret = await page.getByLabel("New API key", { exact: true }).inputValue();
      expect(secret).toStartWith("sdk_");
      await stack.screenshot(page, "23-a-api-key-created");

      // The key is the credential: a bearer token, bound to this organisation (no slug needed).
      const subject = `Created by a key ${unique("")}`;
      must(
        await stack.call(
          "mutation",
          "tickets.create",
          { subject, body: "From the CRM." },
          {
            token: secret,
          },
        ),
        "tickets.create with the API key",
      );
      type Listed = { data: { subject: string }[] };
      const listed = must(
        await stack.call<Listed>(
          "query",
          "tickets.list",
          { perPage: 10 },
          {
            token: secret,
            slug: owner.slug,
          },
        ),
        "tickets.list with the API key",
      );
      expect(listed.data.map((t) => t.subject)).toContain(subject);
      // It opens no other organisation, not even one its creator owns.
      const otherSlug = `e2e2-other-${unique("")}`;
      must(
        await stack.call(
          "mutation",
          "tenants.create",
          { name: "Other", slug: otherSlug },
          { token: owner.token },
        ),
        "tenants.create",
      );
      const elsewhere = await stack.call(
        "query",
        "tickets.list",
        { perPage: 10 },
        {
          token: secret,
          slug: otherSlug,
        },
      );
      expect(elsewhere.error?.code).toBe("NOT_FOUND");

      // Leave the page and come back: the secret is gone; the list shows only its prefix.
      await page.getByRole("navigation", { name: "Settings" }).getByText("Members").click();
      await page.getByRole("heading", { name: "Members", level: 2 }).waitFor();
      await page.getByRole("navigation", { name: "Settings" }).getByText("API keys").click();
      const row = page.locator("tr", { hasText: keyName });
      await row.waitFor();
      expect(await page.getByLabel("New API key", { exact: true }).count()).toBe(0);
      expect(await page.content()).not.toContain(secret);
      const prefix = (await row.locator("code").textContent())?.replace(/…$/, "") ?? "";
      expect(prefix.length).toBeGreaterThan(3);
      expect(secret.startsWith(prefix)).toBe(true);
      await row.getByText("Active").waitFor();
      await stack.screenshot(page, "23-b-api-keys-listed");

      // Revoke (it asks first), then the key is refused.
      await page.getByRole("button", { name: `Revoke ${keyName}` }).click();
      await page.getByText("Revoke this key?").waitFor();
      await page.getByRole("button", { name: "Revoke", exact: true }).click();
      await row.getByText("Revoked").waitFor();
      expect(await page.getByRole("button", { name: `Revoke ${keyName}` }).count()).toBe(0);
      await stack.screenshot(page, "23-c-api-key-revoked");
      const refused = await stack.call(
        "query",
        "tickets.list",
        { perPage: 10 },
        {
          token: secret,
        },
      );
      expect(refused.status).toBe(401);
      expect(refused.error?.message).toContain("not valid");
    },
    STEP_MS,
  );

  test(
    "4. invitations: send, resend (a second email), revoke → the link says it is no longer valid",
    async () => {
      const admin = await register("Ines");
      const invitee = `e2e2-invitee-${unique("")}@example.test`;
      const context = await browser(admin);
      const page = await open(context, `/t/${admin.slug}/settings/invitations`);
      await page.getByRole("heading", { name: "Invitations", level: 2 }).waitFor();
      await page.getByLabel("Email", { exact: true }).fill(invitee);
      await page.getByLabel("Role", { exact: true }).selectOption("member");
      await page.getByRole("button", { name: "Send invitation" }).click();
      await page.getByText(`Invitation sent to ${invitee}.`).waitFor();
      const row = page.locator("tr", { hasText: invitee });
      await row.getByText("pending").waitFor();
      const [first] = await emailLinks(invitee, "invited you", 1);
      if (!first) throw new Error("no invitation email");
      expect(new URL(first).pathname).toStartWith("/invite/");

      await page.getByRole("button", { name: `Resend invitation to ${invitee}` }).click();
      await page.getByText(`Sent again to ${invitee}.`).waitFor();
      const links = await emailLinks(invitee, "invited you", 2);
      const second = links[1];
      if (!second) throw new Error("no second invitation email");
      expect(second).not.toBe(first);
      await stack.screenshot(page, "24-a-invitation-resent");

      await page.getByRole("button", { name: `Revoke invitation to ${invitee}` }).click();
      await page.getByText("Revoke this invitation?").waitFor();
      await page.getByRole("button", { name: "Revoke", exact: true }).click();
      await row.getByText("revoked").waitFor();
      expect(
        await page.getByRole("button", { name: `Resend invitation to ${invitee}` }).count(),
      ).toBe(0);
      await stack.screenshot(page, "24-b-invitation-revoked");
      done.invitations = { admin, invitee };

      // The invitee opens the (newest) link: a clear state, no way to accept, no error page.
      const outsider = await browser();
      const invitePage = await open(outsider, second);
      await invitePage.getByRole("heading", { name: /no longer valid/i }).waitFor();
      await invitePage.getByText("withdrawn").waitFor();
      expect(await invitePage.getByRole("button", { name: "Accept invitation" }).count()).toBe(0);
      expect(await invitePage.getByRole("link", { name: "Create an account" }).count()).toBe(0);
      expect(await invitePage.getByRole("button", { name: "Try again" }).count()).toBe(0);
      await stack.screenshot(invitePage, "24-c-invitation-no-longer-valid");
      // The first link was replaced by the resend: it is not valid either (and says so).
      await invitePage.goto(first);
      await invitePage.getByText("not valid").first().waitFor();
      expect(await invitePage.getByRole("button", { name: "Accept invitation" }).count()).toBe(0);
      expect(await invitePage.getByRole("button", { name: "Try again" }).count()).toBe(0);
    },
    STEP_MS,
  );

  test(
    "5. members: an owner changes a role and hands ownership to an admin; members leave",
    async () => {
      const [owner, admin, stayer, loner] = await Promise.all([
        register("Otto"),
        register("Anna", { tenant: false, verify: true }),
        // Has an organisation of her own to go back to.
        register("Mia", { verify: true }),
        // Has no other organisation.
        register("Noor", { tenant: false, verify: true }),
      ]);
      await join(owner, admin, "admin");
      await join(owner, stayer, "member");
      await join(owner, loner, "member");

      const context = await browser(owner);
      const page = await open(context, `/t/${owner.slug}/settings/members`);
      await page.getByRole("heading", { name: "Members", level: 2 }).waitFor();
      const rowOf = (who: Person) => page.locator("tr", { hasText: who.email });
      await rowOf(loner).waitFor();
      await stack.screenshot(page, "25-a-members");

      // A role change, kept after a reload.
      const lonerRole = page.getByLabel(`Role for ${loner.name}`, { exact: true });
      await lonerRole.selectOption("viewer");
      await lonerRole.and(page.locator(":enabled")).waitFor();
      await page.reload();
      await rowOf(loner).waitFor();
      expect(await lonerRole.inputValue()).toBe("viewer");

      // Ownership: asked first, then the admin owns it and the owner is an admin.
      await page.getByRole("button", { name: `Transfer ownership to ${admin.name}` }).click();
      await page.getByText(`Make ${admin.name} the owner? You become an admin.`).waitFor();
      await stack.screenshot(page, "25-b-transfer-confirm");
      await page.getByRole("button", { name: "Transfer", exact: true }).click();
      await rowOf(admin).getByText("Owner", { exact: true }).waitFor();
      // An admin cannot touch an owner: a badge, not a select, and no remove button.
      expect(await page.getByLabel(`Role for ${admin.name}`, { exact: true }).count()).toBe(0);
      expect(await page.getByRole("button", { name: `Remove ${admin.name}` }).count()).toBe(0);
      expect(await page.getByRole("button", { name: /^Transfer ownership/ }).count()).toBe(0);
      expect(await page.getByLabel(`Role for ${owner.name}`, { exact: true }).inputValue()).toBe(
        "admin",
      );
      const header = page.locator("header.topbar");
      await header.locator(".badge", { hasText: /^Admin$/ }).waitFor();
      await stack.screenshot(page, "25-c-ownership-transferred");
      // The server agrees (a reload takes the role from it), and owner-only controls are gone.
      await page.reload();
      await header.locator(".badge", { hasText: /^Admin$/ }).waitFor();
      await page
        .getByLabel("Organisation", { exact: true })
        .locator("option:checked", {
          hasText: "— Admin",
        })
        .waitFor({ state: "attached" });
      await page.getByRole("navigation", { name: "Settings" }).getByText("Organisation").click();
      await page.getByRole("heading", { name: "Organisation", level: 2 }).waitFor();
      expect(await page.getByRole("heading", { name: "Danger zone" }).count()).toBe(0);
      done.members = { formerOwner: owner, changed: loner };

      // A member with another organisation leaves: back in her own.
      const stayerContext = await browser(stayer);
      const stayerPage = await open(stayerContext, `/t/${owner.slug}/settings`);
      await waitForPath(stayerPage, `/t/${owner.slug}/settings/members`);
      await stayerPage.getByRole("button", { name: "Leave organisation" }).click();
      await stayerPage.getByText(`Leave ${owner.tenantName}?`).waitFor();
      await stack.screenshot(stayerPage, "25-d-leave-confirm");
      await stayerPage.getByRole("button", { name: "Leave", exact: true }).click();
      await waitForPath(stayerPage, `/t/${stayer.slug}/tickets`);
      await stayerPage.getByRole("heading", { name: "Tickets" }).waitFor();
      const options = await stayerPage
        .getByLabel("Organisation", { exact: true })
        .locator("option")
        .allTextContents();
      expect(options.join("\n")).not.toContain(owner.tenantName ?? "?");

      // One with none left is offered to create one.
      const lonerContext = await browser(loner);
      const lonerPage = await open(lonerContext, `/t/${owner.slug}/settings/members`);
      await lonerPage.getByRole("button", { name: "Leave organisation" }).click();
      await lonerPage.getByRole("button", { name: "Leave", exact: true }).click();
      await waitForPath(lonerPage, "/organisations/new");
      await lonerPage.getByRole("heading", { name: "Create an organisation" }).waitFor();
      await stack.screenshot(lonerPage, "25-e-left-to-new-organisation");

      type Member = { userId: string; role: string };
      const members = must(
        await stack.call<Member[]>("query", "tenants.members.list", undefined, {
          token: owner.token,
          slug: owner.slug,
        }),
        "tenants.members.list",
      );
      expect(members.map((m) => [m.userId, m.role]).sort()).toEqual(
        [
          [owner.userId, "admin"],
          [admin.userId, "owner"],
        ].sort(),
      );
    },
    STEP_MS,
  );

  test(
    "6. account: sessions from two browsers; signing the other out; signing out everywhere",
    async () => {
      const who = await register("Sam");
      const [first, second] = await Promise.all([browser(who), browser(who)]);
      const secondPage = await open(second, `/t/${who.slug}/tickets`);
      await secondPage.getByRole("heading", { name: "Tickets" }).waitFor();

      const page = await open(first, "/account");
      const sessions = page.getByRole("region", { name: "Where you're signed in" });
      await sessions.getByText("This device").waitFor();
      // The API registration's session (Bun) and the two browsers.
      expect(await sessions.locator("li").count()).toBeGreaterThanOrEqual(2);
      await stack.screenshot(page, "26-a-sessions");
      // The other browser is the one Chrome session with a "Sign out" button (this one has none).
      const other = sessions.getByRole("button", { name: /^Sign out Chrome on Linux/ });
      expect(await other.count()).toBe(1);
      const before = await sessions.locator("li").count();
      await other.click();
      await other.waitFor({ state: "detached" });
      expect(await sessions.locator("li").count()).toBe(before - 1);
      await stack.screenshot(page, "26-b-session-signed-out");

      // The other browser's next navigation goes to sign-in.
      await secondPage.getByRole("navigation", { name: "Sections" }).getByText("Customers").click();
      await waitForPath(secondPage, "/login");
      expect(new URL(secondPage.url()).searchParams.get("next")).toBe(`/t/${who.slug}/customers`);
      await secondPage.goto(`/t/${who.slug}/tickets`);
      await waitForPath(secondPage, "/login");

      // Signed in there again, then "Sign out everywhere" from the first ends both.
      await signInThroughApi(second, who.email, who.password);
      await secondPage.goto(`/t/${who.slug}/tickets`);
      await secondPage.getByRole("heading", { name: "Tickets" }).waitFor();
      await page.reload();
      await sessions.getByRole("button", { name: "Sign out everywhere" }).click();
      await waitForPath(page, "/login");
      await page.goto("/account");
      await waitForPath(page, "/login");
      await secondPage.getByRole("navigation", { name: "Sections" }).getByText("Customers").click();
      await waitForPath(secondPage, "/login");
      const me = await stack.call("query", "auth.me", undefined, { token: who.token });
      expect(me.status).toBe(401);
      await stack.screenshot(secondPage, "26-c-signed-out-everywhere");
    },
    STEP_MS,
  );

  test(
    "7. the audit log lists the role change, the ownership transfer and the invitations",
    async () => {
      let invitations = done.invitations;
      if (!invitations) {
        fallback("inviting, resending and revoking through the API (test 4 did not finish)");
        const admin = await register("Ivo");
        const invitee = `e2e2-invitee-${unique("")}@example.test`;
        const opts = { token: admin.token, slug: admin.slug };
        const sent = must(
          await stack.call<{ id: string }>(
            "mutation",
            "invitations.create",
            { email: invitee, role: "member" },
            opts,
          ),
          "invitations.create",
        );
        must(await stack.call("mutation", "invitations.resend", { id: sent.id }, opts), "resend");
        must(await stack.call("mutation", "invitations.revoke", { id: sent.id }, opts), "revoke");
        invitations = { admin, invitee };
      }
      let members = done.members;
      if (!members) {
        fallback("changing a role and transferring ownership through the API (test 5 did not)");
        const [owner, other] = await Promise.all([
          register("Uma"),
          register("Vic", { tenant: false, verify: true }),
        ]);
        await join(owner, other, "member");
        const opts = { token: owner.token, slug: owner.slug };
        must(
          await stack.call(
            "mutation",
            "tenants.members.updateRole",
            { userId: other.userId, role: "viewer" },
            opts,
          ),
          "updateRole",
        );
        must(
          await stack.call("mutation", "tenants.transferOwnership", { userId: other.userId }, opts),
          "transferOwnership",
        );
        members = { formerOwner: owner, changed: other };
      }

      // The invitations' trail, seen by their admin.
      const inviterContext = await browser(invitations.admin);
      const page = await open(inviterContext, `/t/${invitations.admin.slug}/settings/audit`);
      await page.getByRole("heading", { name: "Audit log", level: 2 }).waitFor();
      const action = (name: string) =>
        page.locator("tr").filter({ has: page.locator("code.sd-action", { hasText: name }) });
      for (const name of ["invitation.create", "invitation.resend", "invitation.revoke"]) {
        await action(name).first().waitFor();
        await action(name).first().getByText(invitations.admin.name).waitFor();
      }
      await expectDistinctLabels(page);
      await stack.screenshot(page, "27-a-audit-invitations");

      // The members' trail, seen by the former owner (an admin now).
      const ownerContext = await browser(members.formerOwner);
      const membersPage = await open(ownerContext, `/t/${members.formerOwner.slug}/settings/audit`);
      await membersPage.getByRole("heading", { name: "Audit log", level: 2 }).waitFor();
      const row = (name: string) =>
        membersPage
          .locator("tr")
          .filter({ has: membersPage.locator("code.sd-action", { hasText: name }) });
      for (const name of ["member.update_role", "tenant.transfer_ownership", "invitation.create"]) {
        await row(name).first().waitFor();
        await row(name).first().getByText(members.formerOwner.name).waitFor();
      }
      // The role change names whose role it was.
      expect(
        await row("member.update_role").first().getByRole("cell").nth(1).textContent(),
      ).toContain("user");
      await expectDistinctLabels(membersPage);
      await stack.screenshot(membersPage, "27-b-audit-members");
    },
    STEP_MS,
  );

  test(
    "8. signed out, a tenant page leads to sign-in and back; another tenant shows “not a member”",
    async () => {
      const [who, stranger] = await Promise.all([register("Lea"), register("Zed")]);
      const secret = `Zed's private ticket ${unique("")}`;
      must(
        await stack.call(
          "mutation",
          "tickets.create",
          { subject: secret, body: "Nobody else may read this." },
          { token: stranger.token, slug: stranger.slug },
        ),
        "tickets.create for the stranger",
      );

      const context = await browser();
      const wanted = `/t/${who.slug}/tickets?status=open`;
      const page = await open(context, wanted);
      await waitForPath(page, "/login");
      expect(new URL(page.url()).searchParams.get("next")).toBe(wanted);
      await stack.screenshot(page, "28-a-sign-in-to-continue");
      await page.getByLabel("Email", { exact: true }).fill(who.email);
      await page.getByLabel("Password", { exact: true }).fill(who.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await waitForPath(page, `/t/${who.slug}/tickets`);
      expect(new URL(page.url()).searchParams.get("status")).toBe("open");
      await page.getByRole("heading", { name: "Tickets" }).waitFor();

      // Someone else's organisation, and one that does not exist: the same "not a member".
      for (const slug of [stranger.slug, `e2e2-nobody-${unique("")}`]) {
        const answers: string[] = [];
        // Only requests made for this tenant (a late answer to the previous page's list is not).
        page.on("response", (r) => {
          if (r.url().includes("/trpc/tickets.") && r.request().headers()["x-tenant-slug"] === slug)
            answers.push(r.url());
        });
        await page.goto(`/t/${slug}/tickets`);
        await page.getByText("You are not a member of this organisation").waitFor();
        await page.getByRole("link", { name: "Go to your organisations" }).waitFor();
        const text = (await page.locator("body").textContent()) ?? "";
        expect(text).not.toContain(secret);
        expect(text).not.toContain(stranger.tenantName ?? "?");
        expect(answers).toEqual([]);
        page.removeAllListeners("response");
      }
      await stack.screenshot(page, "28-b-not-a-member");
      // Its settings too.
      await page.goto(`/t/${stranger.slug}/settings/members`);
      await page.getByText("You are not a member of this organisation").waitFor();
      expect(await page.getByText(stranger.email).count()).toBe(0);
    },
    STEP_MS,
  );

  test(
    "9. roles: an admin makes “Triage” and gives it to a member, who sees only what it allows; an edit shows on the member's next load; a held role cannot be deleted",
    async () => {
      const [owner, agent] = await Promise.all([
        register("Rhea"),
        register("Theo", { tenant: false, verify: true }),
      ]);
      await join(owner, agent, "member");
      const opts = { token: owner.token, slug: owner.slug };
      const subject = `Printer on fire ${unique("")}`;
      const ticket = must(
        await stack.call<{ id: string }>(
          "mutation",
          "tickets.create",
          { subject, body: "Smoke everywhere." },
          opts,
        ),
        "tickets.create",
      );

      // The built-in roles are listed with what they may do, and cannot be edited.
      const context = await browser(owner);
      const page = await open(context, `/t/${owner.slug}/settings/roles`);
      await page.getByRole("heading", { name: "Roles", level: 2 }).waitFor();
      const region = (name: string) => page.getByRole("region", { name, exact: true });
      await region("Viewer").getByText("See tickets and their conversations").waitFor();
      expect(await page.getByRole("button", { name: "Edit Admin" }).count()).toBe(0);
      await page.getByText("No custom roles yet").waitFor();

      // A new role: a name, and permissions ticked by group; the owner's powers are not offered.
      await page.getByRole("button", { name: "New role" }).click();
      await page.getByLabel("Role name", { exact: true }).fill("Triage");
      await page.getByLabel("Description (optional)", { exact: true }).fill("Sorts new tickets.");
      const form = page.getByRole("form", { name: "New role" });
      await form.getByRole("group", { name: "Tickets" }).waitFor();
      for (const permission of [
        "See tickets and their conversations",
        "Change status, priority and tags",
        "See customers",
        "See the team's members",
      ]) {
        await page.getByLabel(permission, { exact: true }).check();
      }
      expect(await page.getByLabel(/owners only/).count()).toBe(0);
      await stack.screenshot(page, "29-a-role-form");
      await page.getByRole("button", { name: "Create role" }).click();
      const triage = region("Triage");
      await triage.getByText("Nobody holds this role.").waitFor();
      await triage.getByText("Change status, priority and tags").waitFor();
      expect(await triage.getByText("Reply to customers").count()).toBe(0);

      // Given to the member on the members page (custom roles are listed with the built-in ones).
      await page.getByRole("navigation", { name: "Settings" }).getByText("Members").click();
      const agentRole = page.getByLabel(`Role for ${agent.name}`, { exact: true });
      await agentRole.selectOption({ label: "Triage" });
      await agentRole.and(page.locator(":enabled")).waitFor();
      await page.reload();
      await page.locator("tr", { hasText: agent.email }).waitFor();
      expect(await agentRole.locator("option:checked").textContent()).toBe("Triage");
      await page.getByRole("navigation", { name: "Settings" }).getByText("Roles").click();
      await triage.getByText("1 member").waitFor();
      await triage.getByText(agent.name).waitFor();
      await stack.screenshot(page, "29-b-role-held");

      // The member: status can change (ticket.update); no reply box, no assignee, no new ticket.
      const agentContext = await browser(agent);
      const agentPage = await open(agentContext, `/t/${owner.slug}/tickets/${ticket.id}`);
      const status = agentPage.getByRole("combobox", { name: "Status", exact: true });
      await status.waitFor();
      await agentPage.locator("header.topbar .badge", { hasText: /^Triage$/ }).waitFor();
      expect(await agentPage.getByLabel("Reply", { exact: true }).count()).toBe(0);
      expect(await agentPage.getByRole("button", { name: /Send reply|Add note/ }).count()).toBe(0);
      expect(await agentPage.getByRole("combobox", { name: "Assignee" }).count()).toBe(0);
      await status.selectOption("pending");
      await agentPage.getByText("Saved", { exact: true }).waitFor();
      await stack.screenshot(agentPage, "29-c-triage-ticket");
      type Ticket = { status: string };
      const changed = must(
        await stack.call<Ticket>("query", "tickets.get", { id: ticket.id }, opts),
        "tickets.get",
      );
      expect(changed.status).toBe("pending");
      await agentPage.goto(`/t/${owner.slug}/tickets`);
      await agentPage.getByRole("link", { name: subject }).waitFor();
      expect(await agentPage.getByRole("button", { name: "New ticket" }).count()).toBe(0);
      // Settings are the team's: members, roles and teams (read-only) and notifications, nothing else.
      await agentPage.goto(`/t/${owner.slug}/settings`);
      await waitForPath(agentPage, `/t/${owner.slug}/settings/members`);
      const nav = agentPage.getByRole("navigation", { name: "Settings" });
      expect(await nav.getByRole("link").allTextContents()).toEqual([
        "Members",
        "Roles",
        "Teams",
        "Notifications",
      ]);
      await nav.getByText("Roles").click();
      await agentPage.getByRole("region", { name: "Triage", exact: true }).waitFor();
      expect(await agentPage.getByRole("button", { name: "New role" }).count()).toBe(0);
      expect(await agentPage.getByRole("button", { name: "Edit Triage" }).count()).toBe(0);

      // The admin edits the role: replying instead of changing status.
      await page.getByRole("button", { name: "Edit Triage" }).click();
      const edit = page.getByRole("form", { name: "Edit “Triage”" });
      await edit.getByLabel("Reply to customers", { exact: true }).check();
      await edit.getByLabel("Change status, priority and tags", { exact: true }).uncheck();
      await edit.getByRole("button", { name: "Save role" }).click();
      await triage.getByText("Reply to customers").waitFor();

      // The member's next page load has it: a reply box, and the status only shown.
      await agentPage.goto(`/t/${owner.slug}/tickets/${ticket.id}`);
      const replyBox = agentPage.getByLabel("Reply", { exact: true });
      await replyBox.waitFor();
      expect(await agentPage.getByRole("combobox", { name: "Status" }).count()).toBe(0);
      const reply = `On it — ${unique("")}`;
      await replyBox.fill(reply);
      await agentPage.getByRole("button", { name: "Send reply" }).click();
      await agentPage.getByText(reply).first().waitFor();
      await stack.screenshot(agentPage, "29-d-triage-edited");

      // Deleting a role someone holds is refused, in the server's words.
      await triage.getByRole("button", { name: "Delete Triage" }).click();
      await triage.getByRole("button", { name: "Delete", exact: true }).click();
      await triage.getByRole("alert").filter({ hasText: "still held by 1 member" }).waitFor();
      await stack.screenshot(page, "29-e-role-delete-refused");
      // Once nobody holds it, it goes.
      must(
        await stack.call(
          "mutation",
          "tenants.members.updateRole",
          { userId: agent.userId, role: "member" },
          opts,
        ),
        "tenants.members.updateRole",
      );
      await page.reload();
      await triage.getByText("Nobody holds this role.").waitFor();
      await triage.getByRole("button", { name: "Delete Triage" }).click();
      await triage.getByRole("button", { name: "Delete", exact: true }).click();
      await triage.waitFor({ state: "detached" });
      await page.getByText("No custom roles yet").waitFor();
    },
    STEP_MS * 2,
  );
});
