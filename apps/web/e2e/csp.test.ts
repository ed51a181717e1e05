// The Content-Security-Policy in Chromium on the built app: the HTML carries a strict policy, the
// main screens run under it without one violation, and it bites — injected inline script, inline
// event handlers, eval and other origins' scripts do not run.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { registerAndSignIn, signInThroughApi } from "./accounts";
import { type BrowserContext, must, type Page, type Stack, startStack, unique } from "./harness";

const STEP_MS = 180_000;

type Violation = { directive: string; blocked: string; sample: string };
type Recorder = { __csp: Violation[] };

let stack: Stack;
/** Signed in as the tenant's owner. */
let context: BrowserContext;
/** Signed out: the sign-in and sign-up pages, and the attacks. */
let anonymous: BrowserContext;
/** Console errors that are CSP refusals, with the page they came from. */
const consoleRefusals: string[] = [];
const slug = `e2e-csp-${unique("")}`;
const email = `e2e-csp-${unique("")}@example.test`;
let ticketId = "";
let customerId = "";

beforeAll(async () => {
  stack = await startStack({ worker: false });
  const { accessToken: token } = await registerAndSignIn(stack, {
    email,
    name: "Cass Policy",
    tenantName: "Policy Org",
    tenantSlug: slug,
  });
  ticketId = must(
    await stack.call<{ id: string }>(
      "mutation",
      "tickets.create",
      { subject: "The policy blocks my script", body: "As it should." },
      { token, slug },
    ),
    "tickets.create",
  ).id;
  customerId = must(
    await stack.call<{ id: string }>(
      "mutation",
      "customers.create",
      { email: `e2e-csp-customer-${unique("")}@example.test`, name: "Cora Customer" },
      { token, slug },
    ),
    "customers.create",
  ).id;
  // A tenant logo is an https URL on another host: img-src must allow it (nothing listens there).
  must(
    await stack.call(
      "mutation",
      "tenants.update",
      { branding: { logoUrl: "https://127.0.0.1:9/logo.png" } },
      { token, slug },
    ),
    "tenants.update",
  );

  anonymous = await recordingContext();
  context = await recordingContext();
  await signInThroughApi(context, email);
}, 60_000);

/** A browser profile that records every CSP violation (window.__csp) and console refusal. */
async function recordingContext(): Promise<BrowserContext> {
  const created = await stack.newContext();
  // Init scripts come through DevTools, not the page, so the policy does not stop this recorder.
  await created.addInitScript(() => {
    const seen: Violation[] = [];
    (window as unknown as Recorder).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }),
    );
  });
  created.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
      consoleRefusals.push(`${message.page()?.url() ?? "?"}: ${message.text()}`);
    }
  });
  return created;
}

afterAll(async () => {
  await stack?.stop();
});

const violations = (page: Page) => page.evaluate(() => (window as unknown as Recorder).__csp);

/** Opens `path`, waits for `ready`, and expects no violation and no CSP refusal in the console. */
async function visitClean(
  path: string,
  ready: (page: Page) => Promise<unknown>,
  as: BrowserContext = context,
): Promise<void> {
  const page = await as.newPage();
  // Generous: CI runs this on a loaded 2-core machine right after other browser suites.
  page.setDefaultTimeout(30_000);
  const before = consoleRefusals.length;
  try {
    await page.goto(path);
    await ready(page).catch((error: Error) => {
      throw new Error(`${path}: the page never became ready: ${error.message}`);
    });
    await page.waitForLoadState("networkidle").catch(() => {});
    expect({ path, violations: await violations(page) }).toEqual({ path, violations: [] });
    expect(consoleRefusals.slice(before)).toEqual([]);
  } finally {
    await page.close();
  }
}

/** The Content-Security-Policy header as directive → sources. */
function parsePolicy(header: string | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of (header ?? "").split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out[name] = sources;
  }
  return out;
}

describe("Content-Security-Policy", () => {
  test(
    "the app's HTML carries a strict policy and its companions",
    async () => {
      const page = await context.newPage();
      try {
        const response = await page.goto(`/t/${slug}/tickets`);
        const headers = response?.headers() ?? {};
        const policy = parsePolicy(headers["content-security-policy"]);
        expect(headers["content-type"]).toContain("text/html");
        expect(policy["default-src"]).toEqual(["'self'"]);
        expect(policy["script-src"]).toEqual(["'self'"]);
        expect(policy["style-src"]).toEqual(["'self'"]);
        expect(policy["object-src"]).toEqual(["'none'"]);
        expect(policy["base-uri"]).toEqual(["'none'"]);
        expect(policy["frame-ancestors"]).toEqual(["'none'"]);
        expect(policy["form-action"]).toEqual(["'self'"]);
        expect(policy["img-src"]).toEqual(["'self'", "https:", "data:"]);
        expect(policy["connect-src"]).toEqual(["'self'", `ws://${new URL(stack.url).host}`]);
        expect(headers["x-content-type-options"]).toBe("nosniff");
        expect(headers["referrer-policy"]).toBe("no-referrer");
        expect(headers["x-frame-options"]).toBe("DENY");
        // Let the app finish booting: closing the page while its first refresh is in flight
        // loses the rotated cookie, and presenting the old one again ends the session (reuse
        // detection), which would sign the next test out.
        await page.waitForLoadState("networkidle").catch(() => {});
      } finally {
        await page.close();
      }
    },
    STEP_MS,
  );

  test(
    "the main screens run under it without a single violation",
    async () => {
      await visitClean(
        "/login",
        (p) => p.getByRole("button", { name: "Sign in" }).waitFor(),
        anonymous,
      );
      await visitClean(
        "/signup",
        (p) => p.getByRole("button", { name: "Create account" }).waitFor(),
        anonymous,
      );
      // The inbox also opens the realtime socket (/ws): connect-src must allow it.
      await visitClean(`/t/${slug}/tickets`, (p) =>
        p.getByRole("link", { name: "The policy blocks my script" }).waitFor(),
      );
      await visitClean(`/t/${slug}/tickets/${ticketId}`, (p) =>
        p.getByRole("heading", { name: /The policy blocks my script/ }).waitFor(),
      );
      await visitClean(`/t/${slug}/customers`, (p) =>
        p.getByRole("link", { name: "Cora Customer" }).waitFor(),
      );
      await visitClean(`/t/${slug}/customers/${customerId}`, (p) =>
        p.getByRole("heading", { name: "Cora Customer" }).waitFor(),
      );
      await visitClean(`/t/${slug}/settings/organisation`, (p) =>
        p.getByRole("img", { name: "Logo preview" }).waitFor({ state: "attached" }),
      );
      for (const [path, heading] of [
        ["settings/members", "Members"],
        ["settings/api-keys", "API keys"],
        ["notifications", "Notifications"],
      ] as const) {
        await visitClean(`/t/${slug}/${path}`, (p) =>
          p.getByRole("heading", { name: heading, exact: true }).first().waitFor(),
        );
      }
      await visitClean("/account", (p) => p.getByLabel("Name", { exact: true }).waitFor());
    },
    STEP_MS,
  );

  test(
    "it bites: injected inline script, inline handlers, eval and foreign scripts do not run",
    async () => {
      const page = await anonymous.newPage();
      page.setDefaultTimeout(15_000);
      try {
        await page.goto("/login");
        await page.getByRole("button", { name: "Sign in" }).waitFor();
        // Playwright's own injection of an inline <script>: refused (it may also throw).
        await page.addScriptTag({ content: "window.__ranTag = true;" }).catch(() => undefined);
        const outcome = await page.evaluate(async () => {
          const w = window as unknown as Record<string, unknown>;
          // What an XSS would do: a <script> element, an inline handler, markup through innerHTML.
          const script = document.createElement("script");
          script.textContent = "window.__ranScript = true;";
          document.body.append(script);
          const holder = document.createElement("div");
          holder.innerHTML = `<img src="data:," onload="window.__ranHandler = true" alt="">`;
          document.body.append(holder);
          const foreign = document.createElement("script");
          foreign.src = "https://127.0.0.1:9/evil.js";
          document.body.append(foreign);
          // eval from a later task: DevTools lets code it evaluates itself call eval, not the page.
          const evalResult = await new Promise<string>((resolve) =>
            setTimeout(() => {
              try {
                // biome-ignore lint/security/noGlobalEval: proving the policy refuses eval
                eval("window.__ranEval = true");
                resolve("ran");
              } catch (error) {
                resolve((error as Error).name);
              }
            }, 0),
          );
          await new Promise((resolve) => setTimeout(resolve, 500));
          return {
            tag: w.__ranTag ?? false,
            script: w.__ranScript ?? false,
            handler: w.__ranHandler ?? false,
            eval: w.__ranEval ?? false,
            evalResult,
          };
        });
        expect(outcome).toEqual({
          tag: false,
          script: false,
          handler: false,
          eval: false,
          evalResult: "EvalError",
        });
        const directives = (await violations(page)).map((v) => v.directive);
        expect(directives).toContain("script-src-elem");
        expect(directives).toContain("script-src-attr");
        expect(directives).toContain("script-src");
        expect(
          (await violations(page)).some((v) => v.blocked.startsWith("https://127.0.0.1:9/")),
        ).toBe(true);
      } finally {
        await page.close();
      }
    },
    STEP_MS,
  );
});
