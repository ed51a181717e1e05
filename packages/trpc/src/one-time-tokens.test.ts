// One-time tokens (verification, reset, invitation) are never stored readable: not in the outbox
// row, not in the BullMQ job the relay makes of it. Only the worker's opening gives them back.
import { afterAll, describe, expect, test } from "bun:test";
import { createRedis } from "@supportdesk/cache";
import { env } from "@supportdesk/config";
import { openQueues, startRelay } from "@supportdesk/queue";
import { callerFor, createTestDeps, lastJobFor, lastRawJobFor, signUp, testEmail } from "./testing";

const deps = await createTestDeps();
const anon = callerFor(deps);
const redis = createRedis(env().REDIS_URL, { name: "test-bull", maxRetriesPerRequest: null });
redis.on("error", () => {});
const queues = openQueues(redis, `bull-tokens-${crypto.randomUUID().slice(0, 8)}`);

afterAll(async () => {
  await Promise.all(
    Object.values(queues).map((q) => q.obliterate({ force: true }).then(() => q.close())),
  );
  redis.disconnect();
  await deps.close();
});

/** Every string anywhere in a value (a token could hide in any field). */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

/** Whether any string in `stored` works as the token, asked the way a visitor would. */
async function anyWorks(stored: unknown, works: (token: string) => Promise<boolean>) {
  for (const candidate of strings(stored)) {
    if (await works(candidate).catch(() => false)) return true;
  }
  return false;
}

/** The BullMQ job the real relay makes of an outbox row. */
async function relayed(outboxId: string): Promise<unknown> {
  const relay = await startRelay({ db: deps.db, queues, log: deps.log, pollMs: 60_000 });
  try {
    await relay.drain();
  } finally {
    await relay.stop();
  }
  const job = (await queues.email.getJob(outboxId)) ?? null;
  if (!job) throw new Error(`the relay did not add job ${outboxId}`);
  return job.data;
}

describe("one-time tokens at rest", () => {
  test("a password-reset token is usable only after the worker's opening", async () => {
    const user = await signUp(deps);
    await anon.auth.requestPasswordReset({ email: user.email });
    const raw = await lastRawJobFor(deps, "email.password-reset", user.email);
    const opened = await lastJobFor(deps, "email.password-reset", user.email);
    const works = async (token: string) => (await anon.auth.checkResetToken({ token })).valid;
    // The control: the token the worker will email does work.
    expect(await works(opened?.token ?? "")).toBe(true);
    expect(await anyWorks(raw?.payload, works)).toBe(false);
    const data = await relayed(raw?.id ?? "");
    expect(await anyWorks(data, works)).toBe(false);
    expect(JSON.stringify([raw, data])).not.toContain(opened?.token ?? "-");
  });

  test("an email-verification token (it signs in) is usable only after the worker's opening", async () => {
    const email = testEmail("sealed");
    await anon.auth.register({ email, password: "a long enough secret", name: "Sealed" });
    const raw = await lastRawJobFor(deps, "email.verify", email);
    const opened = await lastJobFor(deps, "email.verify", email);
    const works = async (token: string) => {
      await anon.auth.verifyEmail({ token, tokenDelivery: "body" });
      return true;
    };
    expect(await anyWorks(raw?.payload, works)).toBe(false);
    const data = await relayed(raw?.id ?? "");
    expect(await anyWorks(data, works)).toBe(false);
    expect(JSON.stringify([raw, data])).not.toContain(opened?.token ?? "-");
    // The control, last (it spends the token): the emailed one signs in.
    expect(await works(opened?.token ?? "")).toBe(true);
  });

  test("an invitation token is usable only after the worker's opening", async () => {
    const owner = await signUp(deps, { tenantName: "Sealed Co" });
    const invitee = testEmail("invitee");
    await owner.as(owner.tenant?.slug ?? "").invitations.create({ email: invitee, role: "member" });
    const raw = await lastRawJobFor(deps, "email.invitation", invitee);
    const opened = await lastJobFor(deps, "email.invitation", invitee);
    const works = async (token: string) => {
      await anon.invitations.preview({ token });
      return true;
    };
    expect(await works(opened?.token ?? "")).toBe(true);
    expect(await anyWorks(raw?.payload, works)).toBe(false);
    const data = await relayed(raw?.id ?? "");
    expect(await anyWorks(data, works)).toBe(false);
    expect(JSON.stringify([raw, data])).not.toContain(opened?.token ?? "-");
  });
});
