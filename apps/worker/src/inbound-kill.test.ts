// The real worker process receiving real SMTP: a worker SIGKILLed while it files a big message
// has the job redelivered, and the message becomes exactly one ticket.
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { env } from "@supportdesk/config";
import { eq, inboundEmails, tickets } from "@supportdesk/database";
import { startMailCapture } from "@supportdesk/email/capture";
import { createTeam, createTestDeps } from "@supportdesk/trpc/testing";
import nodemailer from "nodemailer";
import { freePort, killSpawned, prefix, startWorker } from "./test-kit";

const config = env();
const deps = await createTestDeps();
const capture = await startMailCapture();
const dir = mkdtempSync(join(tmpdir(), "sd-inbound-kill-"));
afterAll(async () => {
  killSpawned();
  await capture.stop();
  await deps.close();
  rmSync(dir, { recursive: true, force: true });
});

const DOMAIN = "mail.kill.test";
const port = await freePort();
const queuePrefix = prefix();
const worker = () =>
  startWorker({
    redisUrl: config.REDIS_URL,
    smtpUrl: capture.smtpUrl,
    prefix: queuePrefix,
    env: {
      INBOUND_SMTP_ENABLED: "true",
      INBOUND_SMTP_PORT: String(port),
      INBOUND_EMAIL_DOMAIN: DOMAIN,
      STORAGE_DIR: dir,
    },
  });

async function until<T>(what: string, read: () => Promise<T | undefined>, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(25);
  }
}

test("killed while filing: redelivered, and filed exactly once", async () => {
  const team = await createTeam(deps, "Kill Co");
  let proc = worker();
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port, ignoreTLS: true });
  await until("the receiver", async () =>
    (await transport.verify().catch(() => false)) ? true : undefined,
  );
  // Big enough that filing takes a moment (stored, parsed, attachment written).
  await transport.sendMail({
    from: "Kim <kim@example.com>",
    to: `${team.tenant.slug}@${DOMAIN}`,
    subject: "Big scan",
    text: "Attached.",
    attachments: [{ filename: "scan.bin", content: Buffer.alloc(8 * 1024 * 1024, 7) }],
  });
  transport.close();
  const row = () =>
    deps.db
      .withTenant(team.tenant.id, (tx) =>
        tx
          .select({ status: inboundEmails.status, attempts: inboundEmails.attempts })
          .from(inboundEmails),
      )
      .then((rows) => rows[0]);
  // The job has started (its attempt is counted) and not finished: kill the worker now.
  await until("filing to start", async () => ((await row())?.attempts ?? 0) >= 1 || undefined);
  proc.kill("SIGKILL");
  await proc.exited;
  // Killed mid-way (the usual case: filing an 8 MB message takes a while) or just after it filed.
  const killedMidway = (await row())?.status === "received";
  proc = worker();
  const done = await until(
    "the message to be filed",
    async () => {
      const r = await row();
      return r?.status === "processed" ? r : undefined;
    },
    60_000,
  );
  expect(done.status).toBe("processed");
  // A job killed mid-way was run again by the new worker: its attempt was counted twice.
  if (killedMidway) expect(done.attempts).toBeGreaterThanOrEqual(2);
  const filed = await deps.db.withTenant(team.tenant.id, (tx) =>
    tx.select({ subject: tickets.subject }).from(tickets).where(eq(tickets.channel, "email")),
  );
  expect(filed).toEqual([{ subject: "Big scan" }]);
  proc.kill("SIGTERM");
}, 120_000);
