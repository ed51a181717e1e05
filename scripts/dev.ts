// `bun run dev`: the whole stack on local defaults with demo data, then where to go and how to log in.

import { env, storageSettings } from "@supportdesk/config";
import { createDatabase, inboundEmails } from "@supportdesk/database";
import { type DemoLogin, seedDemo } from "@supportdesk/database/seed";
import { email } from "@supportdesk/services";
import { createBlobStore } from "@supportdesk/storage";
import { spawn } from "bun";

const root = `${import.meta.dir}/..`;
const flags = process.argv.slice(2);
const unknown = flags.filter((f) => f !== "--no-serve");
if (unknown.length > 0) {
  console.error(`unknown option ${unknown.join(" ")}\nusage: bun run dev [--no-serve]`);
  process.exit(2);
}

const services = spawn(["bun", "scripts/services.ts", "up"], {
  cwd: root,
  stdio: ["ignore", "inherit", "inherit"],
});
if ((await services.exited) !== 0) process.exit(1);

const config = env();
// Email links (verification, invitations, resets) must open the web app, which dev serves from
// Vite; a chosen APP_URL (environment or .env) wins.
const webUrl = "http://localhost:5173";
const admin = createDatabase({ url: config.DATABASE_ADMIN_URL ?? config.DATABASE_URL, max: 4 });
const seeded = await seedDemo(admin, { inboundDomain: config.INBOUND_EMAIL_DOMAIN }).finally(() =>
  admin.close(),
);

// One unreadable email waits in the first demo tenant's quarantine (Settings → Received mail), as
// the worker files it on start: retry, discard and download are there to try.
{
  const db = createDatabase({ url: config.DATABASE_URL, max: 2 });
  const first = seeded.tenants[0];
  try {
    const waiting = first
      ? await db.withTenant(first.id, (tx) =>
          tx.select({ id: inboundEmails.id }).from(inboundEmails).limit(1),
        )
      : [1];
    if (first && waiting.length === 0) {
      await email.recordInbound(
        { db, storage: createBlobStore(storageSettings(config)) },
        {
          tenantId: first.id,
          envelopeFrom: "broken-mailer@example.com",
          recipient: `${first.slug}@${config.INBOUND_EMAIL_DOMAIN}`,
          raw: new TextEncoder().encode("\u0000\u0001 this is not an email at all \u0002"),
        },
      );
    }
  } finally {
    await db.close();
  }
}

/** The local mail capture runs when SMTP_URL is the local default; otherwise mail goes out for real. */
const smtp = new URL(config.SMTP_URL);
const captureMail = ["127.0.0.1", "localhost"].includes(smtp.hostname);
const inbox = `http://localhost:${config.MAIL_CAPTURE_WEB_PORT}`;

function banner(logins: DemoLogin[]): string {
  const width = Math.max(...logins.map((l) => l.email.length));
  const rows = logins.map(
    (l) =>
      `  ${l.email.padEnd(width)}  ${l.roles.map((r) => `${r.role} of ${r.tenant}`).join(", ")}`,
  );
  const base = `http://localhost:${config.PORT}`;
  return [
    "",
    "SupportDesk is up.",
    `  Web app      ${webUrl} (sign in with a demo login below)`,
    `  API health   ${base}/health`,
    `  API ready    ${base}/ready`,
    `  tRPC         ${base}/trpc (per tenant: ${base}/t/<slug>/trpc), realtime at ws://localhost:${config.PORT}/ws`,
    ...(captureMail
      ? [`  Mail inbox   ${inbox} (every email the stack sends lands here)`]
      : [`  Mail         sent through ${smtp.host}`]),
    `  Demo data    ${seeded.tenants.map((t) => t.slug).join(", ")}: ${seeded.tickets} tickets, ${seeded.messages} messages, ${seeded.articles} knowledge-base articles`,
    `  Reports      ${webUrl}/t/${seeded.tenants[0]?.slug ?? "acme"}/reports  (90 days of history; SLA policies, automations and surveys under Settings)`,
    // The help centre by path works without DNS; `<slug>.<PLATFORM_DOMAIN>:<port>` too where it resolves.
    ...seeded.tenants.map(
      (t, i) =>
        `  ${i === 0 ? "Help centre" : "           "}  ${base}/hc/${t.slug}/  (contact form: ${base}/hc/${t.slug}/contact)`,
    ),
    // Mail in: the worker's SMTP receiver, and each demo tenant's support address.
    ...(config.INBOUND_SMTP_ENABLED
      ? [
          `  Inbound mail  smtp://${config.INBOUND_SMTP_HOST}:${config.INBOUND_SMTP_PORT}  (${seeded.tenants.map((t) => `${t.slug}@${config.INBOUND_EMAIL_DOMAIN}`).join(", ")})`,
          `                try it: bun scripts/mail.ts ${seeded.tenants[0]?.slug ?? "acme"} "Where is my order?" "It was due Monday."`,
        ]
      : []),
    // A ticket as its customer sees it, by the link every email to them carries.
    ...seeded.customerViews.map(
      (v, i) =>
        `  ${i === 0 ? "Customer view" : "             "}  ${base}/hc/${v.slug}/tickets/${v.token}  (#${v.number})`,
    ),
    "",
    `Demo logins (password for all: ${logins[0]?.password ?? "?"}):`,
    ...rows,
    "",
    `Open ${webUrl}/login and sign in as ${logins[0]?.email ?? "a demo login"}; the header's organisation`,
    "switcher moves between the tenants a login belongs to. Sign up there to start a tenant of your own.",
    "Stop with Ctrl-C; `bun run services:down` stops any database or Redis this project started.",
    "",
  ].join("\n");
}

if (flags.includes("--no-serve")) {
  console.log(banner(seeded.logins));
  process.exit(0);
}

// biome-ignore lint/suspicious/noUndeclaredEnvVars: read to tell "unset" from config's default; dev is not a turbo task
const chosenAppUrl = process.env.APP_URL;
const childEnv = { ...process.env, APP_URL: chosenAppUrl ?? webUrl };

const processes = [
  ...(captureMail
    ? [
        [
          "bun",
          "packages/email/src/capture-cli.ts",
          "--smtp",
          smtp.port || "1025",
          "--web",
          String(config.MAIL_CAPTURE_WEB_PORT),
        ],
      ]
    : []),
  ["bun", "--watch", "apps/server/src/main.ts"],
  // The web app with hot reload; it proxies /trpc and /ws to the server (same origin for cookies).
  ["apps/web/node_modules/.bin/vite", "apps/web", "--port", "5173", "--strictPort"],
  ["bun", "--watch", "apps/worker/src/main.ts"],
].map((cmd) => spawn(cmd, { cwd: root, env: childEnv, stdio: ["inherit", "inherit", "inherit"] }));

// Print the banner once the server answers, so it is the last thing on screen.
for (let i = 0; i < 100; i++) {
  const up = await fetch(`http://127.0.0.1:${config.PORT}/health`)
    .then((r) => r.ok)
    .catch(() => false);
  if (up) {
    console.log(banner(seeded.logins));
    break;
  }
  await Bun.sleep(200);
}
const stopAll = (signal: NodeJS.Signals) => {
  for (const proc of processes) proc.kill(signal);
};
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stopAll(signal));
// One process dying takes the stack down, so nothing half-works unnoticed.
const code = await Promise.race(processes.map((p) => p.exited));
stopAll("SIGTERM");
await Promise.all(processes.map((p) => p.exited));
process.exit(code);
