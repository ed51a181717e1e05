// End-to-end harness: the real server (serving the built web app from apps/web/dist), the real
// worker, a MailDev inbox and Debian's Chromium through playwright-core, on the TEST_* services.
// Used by the browser tests (bun test) and by `bun run bench:web`.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { env, repoRoot } from "@supportdesk/config";
import { type MailCapture, startMailCapture } from "@supportdesk/email/capture";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { type Child, spawnChild, waitForHealth, waitForPort } from "./processes";

export type { Browser, BrowserContext, Page };

export const ROOT = repoRoot(import.meta.dir);
export const WEB_DIST = join(ROOT, "apps", "web", "dist");
export const ARTIFACTS = join(ROOT, "test-artifacts");
export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];
export const PASSWORD = "correct horse battery staple";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no free port")),
      );
    });
  });
}

let counter = 0;
/** A unique lower-case token for slugs, emails and names. */
export function unique(label: string): string {
  return `${label}${Date.now().toString(36)}${(counter++).toString(36)}${crypto.randomUUID().slice(0, 4)}`;
}

/** A child process whose output is kept (the last 200 lines) for failure messages. */
export type TrpcAnswer<T> = {
  ok: boolean;
  status: number;
  data?: T;
  error?: { message: string; code?: string; httpStatus?: number };
};

export interface Stack {
  /** The server's own URL, e.g. http://127.0.0.1:41234 (also APP_URL, so email links point here). */
  url: string;
  mail: MailCapture;
  /** The worker's SMTP receiver, with `inbound: true` (mail to `<slug>@<domain>` files tickets). */
  inbound?: { host: string; port: number; domain: string };
  browser: Browser;
  /** A fresh browser profile (cookies, storage) — one per person. */
  newContext(): Promise<BrowserContext>;
  /** The link in the first email to `to` whose subject includes `subjectIncludes`. */
  readEmail(to: string, subjectIncludes: string, timeoutMs?: number): Promise<string>;
  /** Calls a tRPC procedure over HTTP from the test process (not the browser). */
  call<T>(
    kind: "query" | "mutation",
    path: string,
    input: unknown,
    options?: { token?: string; slug?: string },
  ): Promise<TrpcAnswer<T>>;
  /** Saves a full-page screenshot to test-artifacts/<name>.png; never throws. */
  screenshot(page: Page, name: string): Promise<void>;
  /** Recent output of the server and worker, for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Start the worker (emails, notifications); default true. */
  worker?: boolean;
  /** Override the database the server uses (the bench may point elsewhere). */
  databaseUrl?: string;
  /** The server's PLATFORM_DOMAIN (help centres at `<slug>.<domain>`); default the config's. */
  platformDomain?: string;
  /** Extra Chromium flags, e.g. `--host-resolver-rules=…` so tenant hosts reach the server. */
  chromiumArgs?: string[];
  /**
   * Run the worker's SMTP receiver on a free port (needs the worker), for INBOUND_EMAIL_DOMAIN
   * (default `mail.e2e.supportdesk.test`), with a storage directory of this stack's own shared by
   * the server and the worker. Off by default: several stacks at once would fight over one port.
   * Stacks running at the same time on one test database share its outbox, so another stack's
   * relay may take this one's inbound job; its worker then lacks the stored message and
   * quarantines it ("missing from storage").
   */
  inbound?: boolean | { domain?: string };
}

/**
 * Starts everything. Needs the web app built (apps/web/dist; `bun run test` builds it first) and
 * Chromium at /usr/bin/chromium (`bun run test` installs it with apt on Debian when root).
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  // Set by scripts/test.ts when it could not build the web app or install Chromium.
  const problem = process.env.SUPPORTDESK_E2E_PROBLEM;
  if (problem) throw new Error(problem);
  if (!existsSync(join(WEB_DIST, "index.html"))) {
    throw new Error(
      `${WEB_DIST}/index.html is missing: build the web app first (apps/web/node_modules/.bin/vite build apps/web), or run the tests with \`bun run test\`, which does.`,
    );
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's Chromium (sudo apt-get install -y chromium); \`bun run test\` does it when run as root.`,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const config = env();
  const mail = await startMailCapture();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const childEnv: Record<string, string> = {
    NODE_ENV: "test",
    LOG_LEVEL: "warn",
    DATABASE_URL: options.databaseUrl ?? config.DATABASE_URL,
    REDIS_URL: config.REDIS_URL,
    PORT: String(port),
    APP_URL: url,
    CORS_ORIGINS: url,
    SMTP_URL: mail.smtpUrl,
    QUEUE_PREFIX: `e2e-${crypto.randomUUID().slice(0, 8)}`,
    RATE_LIMIT_FREE_PER_MINUTE: "1000000",
    RATE_LIMIT_PRO_PER_MINUTE: "1000000",
    RATE_LIMIT_ENTERPRISE_PER_MINUTE: "1000000",
    RATE_LIMIT_AUTH_PER_MINUTE: "1000000",
    // Every browser here is 127.0.0.1, and the suites share one Redis: per-IP limits on session
    // refresh and sign-in would otherwise carry over from one suite to the next.
    RATE_LIMIT_PUBLIC_PER_MINUTE: "1000000",
    RATE_LIMIT_CONTACT_PER_IP_PER_HOUR: "1000000",
    // Browser suites send no mail in; several stacks at once would fight over one SMTP port.
    INBOUND_SMTP_ENABLED: "false",
    RATE_LIMIT_LOGIN_FAILURES_PER_MINUTE: "1000000",
    RATE_LIMIT_LOGIN_FAILURES_PER_EMAIL_PER_HOUR: "1000000",
    WORKER_LOCK_DURATION_MS: "5000",
    // The stack relays only jobs born since just before it started, never what other suites left.
    OUTBOX_RELAY_SINCE: new Date(Date.now() - 60_000).toISOString(),
    // Service-level sweeps (SLA alerts, time-based rules) every few seconds, not every minute.
    SERVICE_LEVEL_SWEEP_SECONDS: "2",
  };
  if (config.DATABASE_ADMIN_URL) childEnv.DATABASE_ADMIN_URL = config.DATABASE_ADMIN_URL;
  if (options.platformDomain) childEnv.PLATFORM_DOMAIN = options.platformDomain;
  let inbound: Stack["inbound"];
  let storageDir: string | undefined;
  if (options.inbound && options.worker !== false) {
    const domain =
      (typeof options.inbound === "object" && options.inbound.domain) ||
      "mail.e2e.supportdesk.test";
    inbound = { host: "127.0.0.1", port: await freePort(), domain };
    // Raw mail the worker stores is what the server's "View original" links serve.
    storageDir = mkdtempSync(join(tmpdir(), "sd-e2e-storage-"));
    Object.assign(childEnv, {
      INBOUND_SMTP_ENABLED: "true",
      INBOUND_SMTP_HOST: inbound.host,
      INBOUND_SMTP_PORT: String(inbound.port),
      INBOUND_EMAIL_DOMAIN: domain,
      STORAGE_DRIVER: "local",
      STORAGE_DIR: storageDir,
    });
  }

  const children: Child[] = [];
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close().catch(() => {});
    for (const child of children) child.proc.kill("SIGTERM");
    await Promise.race([Promise.all(children.map((c) => c.proc.exited)), Bun.sleep(5000)]);
    for (const child of children) if (child.proc.exitCode === null) child.proc.kill("SIGKILL");
    await mail.stop();
    if (storageDir) rmSync(storageDir, { recursive: true, force: true });
  };
  try {
    const server = spawnChild("server", "apps/server/src/main.ts", childEnv);
    children.push(server);
    if (options.worker !== false) {
      children.push(spawnChild("worker", "apps/worker/src/main.ts", childEnv));
    }
    await waitForHealth(url, server);
    const worker = children[1];
    if (inbound && worker) await waitForPort(inbound.port, worker);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...CHROMIUM_ARGS, ...(options.chromiumArgs ?? [])],
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const launched = browser;

  return {
    url,
    mail,
    ...(inbound ? { inbound } : {}),
    browser: launched,
    newContext: () => launched.newContext({ baseURL: url, viewport: { width: 1280, height: 900 } }),
    async readEmail(to, subjectIncludes, timeoutMs = 20_000) {
      const message = await mail.waitFor(
        (m) => m.to.includes(to) && m.subject.includes(subjectIncludes),
        timeoutMs,
      );
      const links = [...`${message.text}\n${message.html}`.matchAll(/https?:\/\/[^\s"'<>)]+/g)]
        .map((m) => m[0].replaceAll("&amp;", "&"))
        .filter((link) => link.startsWith(url));
      const link = links[0];
      if (!link) {
        throw new Error(
          `The email "${message.subject}" to ${to} holds no link to ${url}:\n${message.text}`,
        );
      }
      return link;
    },
    async call<T>(
      kind: "query" | "mutation",
      path: string,
      input: unknown,
      opts: { token?: string; slug?: string } = {},
    ): Promise<TrpcAnswer<T>> {
      const base = opts.slug ? `${url}/t/${opts.slug}/trpc` : `${url}/trpc`;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      const response =
        kind === "query"
          ? await fetch(`${base}/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
              headers,
            })
          : await fetch(`${base}/${path}`, {
              method: "POST",
              headers,
              body: JSON.stringify(input),
            });
      const body = (await response.json().catch(() => ({}))) as {
        result?: { data: T };
        error?: { message: string; data?: { code?: string; httpStatus?: number } };
      };
      return {
        ok: response.ok && body.result !== undefined,
        status: response.status,
        data: body.result?.data,
        error: body.error
          ? {
              message: body.error.message,
              code: body.error.data?.code,
              httpStatus: body.error.data?.httpStatus,
            }
          : undefined,
      };
    },
    async screenshot(page, name) {
      await page
        .screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })
        .catch(() => {});
    },
    logs: () =>
      children.map((c) => `--- ${c.name} ---\n${c.output.slice(-40).join("\n")}`).join("\n"),
    stop,
  };
}

/** The answer's data, or an error naming the procedure and what the server said. */
export function must<T>(answer: TrpcAnswer<T>, what: string): T {
  if (!answer.ok || answer.data === undefined) {
    throw new Error(
      `${what} failed: HTTP ${answer.status} ${answer.error?.code ?? ""} ${answer.error?.message ?? ""}`,
    );
  }
  return answer.data;
}
