// The worker as a real process: committed writes are emailed exactly once, through Redis outages
// and a SIGKILL in the middle of sending; rolled-back writes send nothing.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { env } from "@supportdesk/config";
import { startMailCapture } from "@supportdesk/email/capture";
import { enqueue, verifyEmailJob } from "@supportdesk/queue";
import { auth } from "@supportdesk/services";
import { callerFor, createTestDeps, signUp, testEmail } from "@supportdesk/trpc/testing";
import { SMTPServer } from "smtp-server";
import { freePort, killSpawned, prefix, startRedis, startWorker, to } from "./test-kit";

const config = env();
const deps = await createTestDeps();
const capture = await startMailCapture();
const dirs: string[] = [];

afterAll(async () => {
  killSpawned();
  await capture.stop();
  await deps.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Records a verification email job the way registration does (the outbox, in a transaction). */
async function verificationJob(email: string) {
  const user = await signUp(deps, { email });
  return user;
}

describe("worker process", () => {
  let worker: ReturnType<typeof Bun.spawn>;
  beforeAll(() => {
    worker = startWorker({
      redisUrl: config.REDIS_URL,
      smtpUrl: capture.smtpUrl,
      prefix: prefix(),
    });
  });
  afterAll(() => worker.kill("SIGTERM"));

  test("a committed invitation is emailed, tenant-branded, with its link; a rolled-back write sends nothing", async () => {
    const owner = await signUp(deps, { tenantName: "Branded Co" });
    const invitee = testEmail("invitee");
    await owner.as(owner.tenant?.slug ?? "").invitations.create({ email: invitee, role: "member" });
    const mail = await capture.waitFor(to(invitee), 15_000);
    expect(mail.subject).toContain("Branded Co");
    expect(mail.text).toContain("http://app.supportdesk.test/invite/");

    const ghost = testEmail("ghost");
    await deps.db.platform
      .transaction(async (tx) => {
        await enqueue(tx, verifyEmailJob, {
          userId: crypto.randomUUID(),
          email: ghost,
          name: "Ghost",
          token: "t".repeat(43),
        });
        throw new Error("roll back");
      })
      .catch(() => {});
    const control = testEmail("control");
    await verificationJob(control);
    await capture.waitFor(to(control), 15_000);
    expect((await capture.messages()).filter(to(ghost))).toEqual([]);
  });

  test("the emailed verification link signs in; signing up again emails the owner how to sign in", async () => {
    const address = testEmail("link");
    const anon = callerFor(deps);
    await anon.auth.register({ email: address, password: "a long enough secret", name: "Link" });
    const verify = await capture.waitFor(to(address), 15_000);
    const link = /http:\/\/app\.supportdesk\.test\/verify-email\?token=[\w%-]+/.exec(
      verify.text,
    )?.[0];
    const token = new URL(link ?? "http://x/").searchParams.get("token") ?? "";
    const signedIn = await anon.auth.verifyEmail({ token, tokenDelivery: "body" });
    expect(signedIn.user).toMatchObject({ email: address, emailVerified: true });

    await anon.auth.register({ email: address, password: "another secret!", name: "Copycat" });
    const notice = await capture.waitFor(
      (m) => to(address)(m) && m.subject.includes("already have"),
      15_000,
    );
    expect(notice.text).toContain("http://app.supportdesk.test/login");
    expect(notice.text).toContain("http://app.supportdesk.test/forgot-password");
  });

  test("a ticket event notifies agents in the app and queues their emails", async () => {
    const owner = await signUp(deps, { tenantName: "Notify Co" });
    const here = owner.as(owner.tenant?.slug ?? "");
    const ticket = await here.tickets.create({
      subject: "Printer on fire",
      body: "Help",
      assigneeId: owner.userId,
    });
    const agent = await signUp(deps);
    const { userTenantRoles } = await import("@supportdesk/database");
    await deps.db.platform
      .insert(userTenantRoles)
      .values({ userId: agent.userId, tenantId: owner.tenant?.id ?? "", role: "member" });
    await agent
      .as(owner.tenant?.slug ?? "")
      .tickets.addMessage({ ticketId: ticket.id, body: "On it", internal: false });
    // The assignee (owner) gets a notification for the reply, and an email (default: on).
    const mail = await capture.waitFor(
      (m) => to(owner.email)(m) && m.subject.includes("#1"),
      15_000,
    );
    expect(mail.subject).toContain("Notify Co");
    expect(mail.text).toContain("http://app.supportdesk.test/t/");
    const count = await here.notifications.unreadCount();
    expect(count.count).toBeGreaterThan(0);
  });
});

describe("failures", () => {
  test("Redis stopped while requests write: every email arrives after it returns, none twice", async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), "sd-redis-"));
    dirs.push(dir);
    let redis = await startRedis(port, dir);
    const redisUrl = `redis://127.0.0.1:${port}`;
    const worker = startWorker({ redisUrl, smtpUrl: capture.smtpUrl, prefix: prefix() });
    try {
      // Warm up: the worker is connected and sending.
      const first = testEmail("warm");
      await verificationJob(first);
      await capture.waitFor(to(first), 15_000);

      redis.kill("SIGTERM");
      await redis.exited;
      const addresses = Array.from({ length: 10 }, () => testEmail("outage"));
      for (const address of addresses) await signUp(deps, { email: address });
      await Bun.sleep(1000);
      expect(
        (await capture.messages()).filter((m) => addresses.some((a) => m.to.includes(a))),
      ).toEqual([]);

      redis = await startRedis(port, dir);
      for (const address of addresses) await capture.waitFor(to(address), 30_000);
      await Bun.sleep(1500);
      const received = (await capture.messages()).filter((m) =>
        addresses.some((a) => m.to.includes(a)),
      );
      expect(received.length).toBe(addresses.length);
      expect(new Set(received.map((m) => m.messageId)).size).toBe(addresses.length);
    } finally {
      worker.kill("SIGKILL");
      redis.kill("SIGKILL");
    }
  }, 90_000);

  test("a worker killed (SIGKILL) while sending: the job is redelivered and the email arrives once", async () => {
    // An SMTP server that stalls the first message's DATA reply, so the kill lands mid-send.
    const delivered: string[] = [];
    let sawData: () => void = () => {};
    const dataSeen = new Promise<void>((resolve) => {
      sawData = resolve;
    });
    let stall = true;
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          if (stall) {
            stall = false;
            sawData();
            return; // never answer: the client is killed before a 250 arrives
          }
          delivered.push(...session.envelope.rcptTo.map((r) => r.address));
          callback();
        });
      },
    });
    const smtpPort = await freePort();
    await new Promise<void>((resolve) => smtp.listen(smtpPort, "127.0.0.1", resolve));
    const smtpUrl = `smtp://127.0.0.1:${smtpPort}`;
    const queuePrefix = prefix();
    try {
      const first = startWorker({ redisUrl: config.REDIS_URL, smtpUrl, prefix: queuePrefix });
      const address = testEmail("killed");
      await verificationJob(address);
      await dataSeen;
      first.kill("SIGKILL");
      await first.exited;
      expect(delivered).toEqual([]);

      const second = startWorker({ redisUrl: config.REDIS_URL, smtpUrl, prefix: queuePrefix });
      try {
        const deadline = Date.now() + 30_000;
        while (!delivered.includes(address) && Date.now() < deadline) await Bun.sleep(100);
        await Bun.sleep(2000);
        expect(delivered.filter((a) => a === address)).toEqual([address]);
      } finally {
        second.kill("SIGTERM");
        await second.exited;
      }
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  }, 90_000);
});

describe("password reset and other producers", () => {
  test("requestPasswordReset for an unknown address sends nothing", async () => {
    const unknown = testEmail("nobody");
    await auth.requestPasswordReset(deps.db, { email: unknown });
    await Bun.sleep(500);
    expect((await capture.messages()).filter(to(unknown))).toEqual([]);
  });
});
