// The rate-limit middlewares through the router: failed sign-ins per email+IP and per email, auth
// limits with Redis down (counted in this process), and the per-IP limit on public procedures.
import { afterAll, describe, expect, test } from "bun:test";
import { createRateLimiter, createRedis } from "@supportdesk/cache";
import type { TrpcDeps, TrpcSettings } from "../context";
import { createContextInner } from "../context";
import { createCaller } from "../root";
import { callerFor, codeOf, createTestDeps, signUp, TEST_PASSWORD, testEmail } from "../testing";

type Limits = TrpcSettings["rateLimits"];

/** Generous limits except those a test is about. */
const limits = (tight: Partial<Limits>): Limits => ({
  free: 100_000,
  pro: 100_000,
  enterprise: 100_000,
  auth: 100_000,
  loginFailuresPerMinute: 100_000,
  loginFailuresPerEmailPerHour: 100_000,
  public: 100_000,
  contactPerIpPerHour: 100_000,
  contactPerTenantPerHour: 100_000,
  ...tight,
});

const opened: { close(): Promise<void> }[] = [];
async function depsWith(tight: Partial<Limits>) {
  const deps = await createTestDeps({ rateLimits: limits(tight) });
  opened.push(deps);
  return deps;
}

// Nothing listens on port 1: the limiter's Redis is down, every command fails at once. The shared
// Redis on 6379 stays up for everyone else.
const deadRedis = createRedis("redis://127.0.0.1:1", {
  name: "test-dead",
  enableOfflineQueue: false,
  retryStrategy: () => null,
  maxRetriesPerRequest: 0,
});
deadRedis.on("error", () => {});
async function depsWithRedisDown(tight: Partial<Limits>): Promise<TrpcDeps> {
  const deps = await depsWith(tight);
  return { ...deps, redis: deadRedis, rateLimiter: createRateLimiter(deadRedis) };
}

afterAll(async () => {
  for (const deps of opened) await deps.close();
  deadRedis.disconnect();
});

/**
 * A fresh random client address (documentation range 2001:db8::/32): counters outlive a run by a
 * window, so a fixed sequence would collide with the previous run's, or with another's.
 */
const newIp = () =>
  `2001:db8:${crypto.randomUUID().replaceAll("-", "").slice(0, 24).match(/.{4}/g)?.join(":")}`;

const login = (deps: TrpcDeps, ip: string, email: string, password: string) =>
  codeOf(callerFor(deps, { ip }).auth.login({ email, password, tokenDelivery: "body" }));

describe("auth.login counts failures per email+IP and per email, not attempts", () => {
  test("an attacker's wrong passwords from another address do not lock the owner out", async () => {
    const deps = await depsWith({ auth: 5, loginFailuresPerMinute: 5 });
    const owner = await signUp(deps);
    const attacker = newIp();
    const answers: string[] = [];
    for (let i = 0; i < 8; i++) answers.push(await login(deps, attacker, owner.email, "wrong one"));
    expect(await login(deps, newIp(), owner.email, TEST_PASSWORD)).toBe("ok");
    // The attacker got 5 guesses on their address, then nothing.
    expect(answers).toEqual([
      ...Array(5).fill("UNAUTHORIZED"),
      ...Array(3).fill("TOO_MANY_REQUESTS"),
    ]);
  });

  test("failures for one email from one address are refused past the limit; other emails from it are not", async () => {
    const deps = await depsWith({ loginFailuresPerMinute: 3 });
    const owner = await signUp(deps);
    const ip = newIp();
    for (let i = 0; i < 3; i++) {
      expect(await login(deps, ip, owner.email, "wrong one")).toBe("UNAUTHORIZED");
    }
    // Refused before the password is checked: the right one waits too.
    expect(await login(deps, ip, owner.email, TEST_PASSWORD)).toBe("TOO_MANY_REQUESTS");
    expect(await login(deps, ip, testEmail("other"), "wrong one")).toBe("UNAUTHORIZED");
  });

  test("successful sign-ins are not failures", async () => {
    const deps = await depsWith({ loginFailuresPerMinute: 2 });
    const owner = await signUp(deps);
    const ip = newIp();
    for (let i = 0; i < 4; i++)
      expect(await login(deps, ip, owner.email, TEST_PASSWORD)).toBe("ok");
    expect(await login(deps, ip, owner.email, "wrong one")).toBe("UNAUTHORIZED");
    expect(await login(deps, ip, owner.email, TEST_PASSWORD)).toBe("ok");
  });

  test("input that fails validation is not a failed sign-in", async () => {
    const deps = await depsWith({ loginFailuresPerMinute: 1 });
    const owner = await signUp(deps);
    const ip = newIp();
    for (let i = 0; i < 3; i++) expect(await login(deps, ip, owner.email, "")).toBe("BAD_REQUEST");
    expect(await login(deps, ip, owner.email, TEST_PASSWORD)).toBe("ok");
  });

  test("the per-email ceiling stops failures spread over addresses, but not the owner's known address", async () => {
    const deps = await depsWith({ loginFailuresPerEmailPerHour: 4 });
    const owner = await signUp(deps);
    const home = newIp();
    expect(await login(deps, home, owner.email, TEST_PASSWORD)).toBe("ok");
    for (let i = 0; i < 4; i++) {
      expect(await login(deps, newIp(), owner.email, "wrong one")).toBe("UNAUTHORIZED");
    }
    // A fifth address gets no guess, whatever the password …
    expect(await login(deps, newIp(), owner.email, "wrong one")).toBe("TOO_MANY_REQUESTS");
    expect(await login(deps, newIp(), owner.email, TEST_PASSWORD)).toBe("TOO_MANY_REQUESTS");
    // … while the address the owner signed in from before still signs in.
    expect(await login(deps, home, owner.email, TEST_PASSWORD)).toBe("ok");
  });

  test("a refusal carries Retry-After", async () => {
    const deps = await depsWith({ loginFailuresPerMinute: 1 });
    const ip = newIp();
    const email = testEmail("retry");
    expect(await login(deps, ip, email, "wrong one")).toBe("UNAUTHORIZED");
    const headers = new Headers();
    const refused = createCaller(createContextInner(deps, { ip }, headers)).auth.login({
      email,
      password: "wrong one",
    });
    expect(await codeOf(refused)).toBe("TOO_MANY_REQUESTS");
    const retryAfter = Number(headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(120);
  });
});

describe("with Redis down, auth limits count in this process instead of failing open", () => {
  test("15 wrong passwords from one address: 3 answered, then 429", async () => {
    const deps = await depsWithRedisDown({ auth: 3 });
    const ip = newIp();
    const email = testEmail("down");
    const answers: string[] = [];
    for (let i = 0; i < 15; i++) answers.push(await login(deps, ip, email, "wrong one"));
    expect(answers.slice(0, 3)).toEqual(Array(3).fill("UNAUTHORIZED"));
    expect(answers.slice(3)).toEqual(Array(12).fill("TOO_MANY_REQUESTS"));
  });

  test("failed sign-ins per email+IP are still limited", async () => {
    const deps = await depsWithRedisDown({ loginFailuresPerMinute: 2 });
    const ip = newIp();
    const email = testEmail("down-pair");
    expect(await login(deps, ip, email, "wrong one")).toBe("UNAUTHORIZED");
    expect(await login(deps, ip, email, "wrong one")).toBe("UNAUTHORIZED");
    expect(await login(deps, ip, email, "wrong one")).toBe("TOO_MANY_REQUESTS");
  });

  test("registration and reset requests stay limited per email across addresses", async () => {
    const deps = await depsWithRedisDown({ auth: 2 });
    const email = testEmail("down-reset");
    const reset = () =>
      codeOf(callerFor(deps, { ip: newIp() }).auth.requestPasswordReset({ email }));
    expect([await reset(), await reset(), await reset()]).toEqual([
      "ok",
      "ok",
      "TOO_MANY_REQUESTS",
    ]);
    const register = () =>
      codeOf(
        callerFor(deps, { ip: newIp() }).auth.register({
          email,
          password: TEST_PASSWORD,
          name: "Down Under",
        }),
      );
    await register();
    await register();
    expect(await register()).toBe("TOO_MANY_REQUESTS");
  });

  test("the right password still signs in", async () => {
    const deps = await depsWithRedisDown({ auth: 3 });
    const owner = await signUp(deps);
    expect(await login(deps, newIp(), owner.email, TEST_PASSWORD)).toBe("ok");
  });

  test("tenant procedures fail open", async () => {
    const deps = await depsWithRedisDown({ free: 1, pro: 1, enterprise: 1 });
    const owner = await signUp(deps, { tenantName: "Open Co" });
    const slug = owner.tenant?.slug ?? "";
    for (let i = 0; i < 3; i++) expect(await codeOf(owner.as(slug).tenants.current())).toBe("ok");
  });

  test("public procedures are limited per IP too", async () => {
    const deps = await depsWithRedisDown({ public: 2 });
    const caller = callerFor(deps, { ip: newIp() });
    const check = () => codeOf(caller.tenants.checkSlug({ slug: "free-slug-down" }));
    expect([await check(), await check(), await check()]).toEqual([
      "ok",
      "ok",
      "TOO_MANY_REQUESTS",
    ]);
  });
});

describe("public procedures are limited per IP", () => {
  const fakeToken = "x".repeat(40);
  const calls = {
    "tenants.checkSlug": (deps: TrpcDeps, ip: string) =>
      codeOf(callerFor(deps, { ip }).tenants.checkSlug({ slug: "free-slug-here" })),
    "invitations.preview": (deps: TrpcDeps, ip: string) =>
      codeOf(callerFor(deps, { ip }).invitations.preview({ token: fakeToken })),
    "auth.verifyEmail": (deps: TrpcDeps, ip: string) =>
      codeOf(callerFor(deps, { ip }).auth.verifyEmail({ token: fakeToken })),
    "auth.refresh": (deps: TrpcDeps, ip: string) =>
      codeOf(
        callerFor(deps, { ip }).auth.refresh({ refreshToken: fakeToken, tokenDelivery: "body" }),
      ),
  };

  for (const [path, call] of Object.entries(calls)) {
    test(`${path}: 3 per minute from one address, then 429; another address is not affected`, async () => {
      const deps = await depsWith({ public: 3 });
      const ip = newIp();
      for (let i = 0; i < 3; i++) expect(await call(deps, ip)).not.toBe("TOO_MANY_REQUESTS");
      expect(await call(deps, ip)).toBe("TOO_MANY_REQUESTS");
      expect(await call(deps, newIp())).not.toBe("TOO_MANY_REQUESTS");
    });
  }

  test("each procedure has its own budget: checking slugs does not stop a session refresh", async () => {
    const deps = await depsWith({ public: 2 });
    const ip = newIp();
    for (let i = 0; i < 3; i++) await calls["tenants.checkSlug"](deps, ip);
    expect(await calls["tenants.checkSlug"](deps, ip)).toBe("TOO_MANY_REQUESTS");
    expect(await calls["auth.refresh"](deps, ip)).toBe("UNAUTHORIZED");
  });
});

describe("account actions a stolen token could abuse are limited per user", () => {
  test("guessing the current password to change it: 3 tries, then 429, from any address", async () => {
    const deps = await depsWith({ auth: 3 });
    const user = await signUp(deps);
    const guess = (ip: string) =>
      codeOf(
        callerFor(deps, {
          authorization: `Bearer ${user.accessToken}`,
          ip,
        }).auth.changePassword({ currentPassword: "wrong guess", newPassword: "a new secret!" }),
      );
    for (const ip of ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) {
      expect(await guess(ip)).toBe("BAD_REQUEST");
    }
    expect(await guess("203.0.113.4")).toBe("TOO_MANY_REQUESTS");
    // Another user is not affected.
    const other = await signUp(deps);
    expect(
      await codeOf(
        callerFor(deps, {
          authorization: `Bearer ${other.accessToken}`,
        }).auth.requestEmailVerification(),
      ),
    ).toBe("ok");
  });
});
