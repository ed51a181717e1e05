// Every auth flow through createCaller against real PostgreSQL and Redis.
import { afterAll, describe, expect, test } from "bun:test";
import { generateSigningKey, hashPassword } from "@supportdesk/auth-utils";
import { generateKeyPair, importJWK, SignJWT } from "jose";
import { lastJobFor } from "../test-outbox";
import { callerFor, createTestDeps, signUp, TEST_PASSWORD, testEmail } from "../testing";

const signingKey = await generateSigningKey();
const deps = await createTestDeps({}, { signingKey });
afterAll(() => deps.close());
const anon = callerFor(deps);

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: { code?: string }) => error.code ?? String(error),
  );

describe("register", () => {
  const register = (email: string, extra: Record<string, string> = {}) =>
    anon.auth.register({ email, password: TEST_PASSWORD, name: "New Person", ...extra });

  test("with tenantName: the verification link signs the new owner in, in their new tenant", async () => {
    const user = await signUp(deps, { tenantName: "Register Co" });
    expect(user.tenant).toMatchObject({ name: "Register Co", role: "owner" });
    expect(user.tenant?.slug).toMatch(/^register-co/);
    const me = await user.caller.auth.me();
    expect(me.user).toMatchObject({ email: user.email, emailVerified: true });
    expect(me.currentTenantId).toBe(user.tenant?.id ?? "");
  });

  test("signs nobody in: the answer carries no token, only where to look", async () => {
    const answer = await register(testEmail());
    expect(answer).toEqual({ ok: true, message: expect.stringContaining("Check your email") });
  });

  test("the verification link verifies, signs in as login does, and works once", async () => {
    const email = testEmail();
    await register(email, { tenantName: "Link Co" });
    const job = await lastJobFor(deps, "email.verify", email);
    const signedIn = await anon.auth.verifyEmail({
      token: job?.token ?? "",
      tokenDelivery: "body",
    });
    expect(signedIn.user).toMatchObject({ email, emailVerified: true });
    expect(signedIn.tenants).toEqual([expect.objectContaining({ name: "Link Co", role: "owner" })]);
    expect(signedIn.defaultTenantId).toBe(signedIn.tenants[0]?.id ?? "");
    const caller = callerFor(deps, { authorization: `Bearer ${signedIn.accessToken}` });
    expect((await caller.auth.me()).user.emailVerified).toBe(true);
    expect(
      await codeOf(
        anon.auth.refresh({ refreshToken: signedIn.refreshToken ?? "", tokenDelivery: "body" }),
      ),
    ).toBe("ok");
    expect(
      await codeOf(anon.auth.verifyEmail({ token: job?.token ?? "", tokenDelivery: "body" })),
    ).toBe("BAD_REQUEST");
  });

  test("a registered address (any case) gets the same answer; its owner is emailed, nothing else changes", async () => {
    const owner = await signUp(deps, { tenantName: "Existing Co" });
    const fresh = await register(testEmail(), { tenantName: "Fresh Co" });
    const again = await register(owner.email.toUpperCase(), {
      password: "an attacker's password",
      tenantName: "Squatter Co",
    });
    expect(again).toEqual(fresh);
    const notice = await lastJobFor(deps, "email.account-exists", owner.email);
    expect(notice).toEqual({ userId: owner.userId, email: owner.email, name: "Test User" });
    // No new verification link, password, tenant or session for whoever tried.
    const verifications = await deps.db.sql<{ n: number }[]>`
      select count(*)::int as n from outbox
      where job_name = 'email.verify' and payload->>'email' = ${owner.email}`;
    expect(verifications[0]?.n).toBe(1);
    expect(
      await codeOf(
        anon.auth.login({
          email: owner.email,
          password: "an attacker's password",
          tokenDelivery: "body",
        }),
      ),
    ).toBe("UNAUTHORIZED");
    const me = await owner.caller.auth.me();
    expect(me.tenants.map((t) => t.name)).toEqual(["Existing Co"]);
    expect((await owner.caller.auth.sessions()).length).toBe(1);
  });

  test("hashes the password for a registered address too, so both answers take as long", async () => {
    const owner = await signUp(deps);
    const started = performance.now();
    await hashPassword("timing reference");
    const hashMs = performance.now() - started;
    const timed = async (email: string) => {
      const t0 = performance.now();
      await register(email);
      return performance.now() - t0;
    };
    // A lower bound only: a register that skipped the hash for known addresses would fall below.
    expect(await timed(owner.email)).toBeGreaterThan(hashMs * 0.5);
    expect(await timed(testEmail())).toBeGreaterThan(hashMs * 0.5);
  });

  test("a taken or reserved subdomain is refused naming tenantSlug, whoever asks, and leaves no user", async () => {
    const owner = await signUp(deps, { tenantName: "Taken Slug" });
    const email = testEmail();
    for (const who of [email, owner.email]) {
      const taken = await register(who, {
        tenantName: "X",
        tenantSlug: owner.tenant?.slug ?? "",
      }).catch((e) => e);
      expect(taken).toMatchObject({ code: "CONFLICT" });
      expect(JSON.stringify(taken.cause ?? taken)).toContain("tenantSlug");
      const reserved = await register(who, { tenantName: "X", tenantSlug: "admin" }).catch(
        (e) => e,
      );
      expect(reserved).toMatchObject({ code: "BAD_REQUEST" });
    }
    // The email is still free: the refused sign-ups wrote nothing.
    expect(await lastJobFor(deps, "email.verify", email)).toBeUndefined();
    await signUp(deps, { email });
  });
});

describe("login", () => {
  test("returns an access token, the user and their tenants with roles (no role in the token)", async () => {
    const user = await signUp(deps, { tenantName: "Login Co" });
    const result = await anon.auth.login({
      email: user.email,
      password: TEST_PASSWORD,
      tokenDelivery: "body",
    });
    expect(result.user.email).toBe(user.email);
    expect(result.tenants).toEqual([
      {
        id: user.tenant?.id,
        name: "Login Co",
        slug: user.tenant?.slug,
        role: "owner",
        roleName: "Owner",
      },
    ] as never);
    const claims = JSON.parse(
      Buffer.from(result.accessToken.split(".")[1] ?? "", "base64url").toString(),
    );
    expect(Object.keys(claims).sort()).toEqual(["aud", "exp", "iat", "iss", "jti", "sid", "sub"]);
  });

  test("a wrong password and an unknown email get the same answer", async () => {
    const user = await signUp(deps);
    const wrong = await anon.auth
      .login({ email: user.email, password: "not the password", tokenDelivery: "body" })
      .catch((e) => e);
    const unknown = await anon.auth
      .login({ email: testEmail(), password: "not the password", tokenDelivery: "body" })
      .catch((e) => e);
    expect(wrong.code).toBe("UNAUTHORIZED");
    expect([unknown.code, unknown.message]).toEqual([wrong.code, wrong.message]);
  });
});

describe("refresh tokens", () => {
  test("rotate on every use; the old token stops working", async () => {
    const user = await signUp(deps);
    const first = await anon.auth.refresh({
      refreshToken: user.refreshToken,
      tokenDelivery: "body",
    });
    expect(first.refreshToken).not.toBe(user.refreshToken);
    const second = await anon.auth.refresh({
      refreshToken: first.refreshToken ?? "",
      tokenDelivery: "body",
    });
    expect(second.accessToken).toBeString();
  });

  test("reuse of a rotated token revokes the whole session (RFC 9700)", async () => {
    const user = await signUp(deps);
    const rotated = await anon.auth.refresh({
      refreshToken: user.refreshToken,
      tokenDelivery: "body",
    });
    expect(
      await codeOf(anon.auth.refresh({ refreshToken: user.refreshToken, tokenDelivery: "body" })),
    ).toBe("UNAUTHORIZED");
    // The thief's replay ended the session for the legitimate holder too.
    expect(
      await codeOf(
        anon.auth.refresh({ refreshToken: rotated.refreshToken ?? "", tokenDelivery: "body" }),
      ),
    ).toBe("UNAUTHORIZED");
    expect(await codeOf(user.caller.auth.me())).toBe("UNAUTHORIZED");
  });

  test("two concurrent uses of one token: at most one succeeds", async () => {
    const user = await signUp(deps);
    const results = await Promise.all(
      [1, 2].map(() =>
        codeOf(anon.auth.refresh({ refreshToken: user.refreshToken, tokenDelivery: "body" })),
      ),
    );
    expect(results.filter((r) => r === "ok").length).toBeLessThanOrEqual(1);
  });

  test("an unknown token is refused", async () => {
    expect(
      await codeOf(anon.auth.refresh({ refreshToken: "x".repeat(43), tokenDelivery: "body" })),
    ).toBe("UNAUTHORIZED");
  });
});

describe("access tokens", () => {
  test("alg none, another key, tampered, expired, wrong audience/issuer/typ tokens are refused", async () => {
    const user = await signUp(deps);
    const good = JSON.parse(
      Buffer.from(user.accessToken.split(".")[1] ?? "", "base64url").toString(),
    );
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const ours = await importJWK(signingKey, "EdDSA");
    const { privateKey: theirs } = await generateKeyPair("EdDSA");
    const sign = (
      claims: Record<string, unknown>,
      header: Record<string, unknown> = {},
      key = ours,
    ) =>
      new SignJWT({ ...good, ...claims })
        .setProtectedHeader({ alg: "EdDSA", typ: "at+jwt", kid: signingKey.kid, ...header })
        .sign(key);
    const now = Math.floor(Date.now() / 1000);
    // The control: our key and the real claims pass.
    expect(
      await codeOf(callerFor(deps, { authorization: `Bearer ${await sign({})}` }).auth.me()),
    ).toBe("ok");
    const bad = {
      none: `${b64({ alg: "none", typ: "at+jwt" })}.${b64(good)}.`,
      otherKey: await sign({}, {}, theirs),
      tampered: `${user.accessToken.split(".")[0]}.${b64({ ...good, sub: crypto.randomUUID() })}.${user.accessToken.split(".")[2]}`,
      expired: await sign({ iat: now - 3600, exp: now - 600 }),
      audience: await sign({ aud: "another-api" }),
      issuer: await sign({ iss: "someone-else" }),
      typ: await sign({}, { typ: "JWT" }),
      garbage: "garbage",
    };
    for (const [name, token] of Object.entries(bad)) {
      const code = await codeOf(callerFor(deps, { authorization: `Bearer ${token}` }).auth.me());
      expect({ name, code }).toEqual({ name, code: "UNAUTHORIZED" });
    }
  });
});

describe("sessions", () => {
  test("logout ends this session only; logoutAll ends every one", async () => {
    const user = await signUp(deps);
    const other = await anon.auth.login({
      email: user.email,
      password: TEST_PASSWORD,
      tokenDelivery: "body",
    });
    const otherCaller = callerFor(deps, { authorization: `Bearer ${other.accessToken}` });
    expect((await user.caller.auth.sessions()).length).toBe(2);
    await otherCaller.auth.logout();
    expect(await codeOf(otherCaller.auth.me())).toBe("UNAUTHORIZED");
    expect(await codeOf(user.caller.auth.me())).toBe("ok");
    const third = await anon.auth.login({
      email: user.email,
      password: TEST_PASSWORD,
      tokenDelivery: "body",
    });
    const { ended } = await user.caller.auth.logoutAll();
    expect(ended).toBe(2);
    expect(await codeOf(user.caller.auth.me())).toBe("UNAUTHORIZED");
    expect(
      await codeOf(callerFor(deps, { authorization: `Bearer ${third.accessToken}` }).auth.me()),
    ).toBe("UNAUTHORIZED");
  });

  test("revokeSession ends one of my sessions; another user's session id is not mine to end", async () => {
    const user = await signUp(deps);
    const stranger = await signUp(deps);
    const second = await anon.auth.login({
      email: user.email,
      password: TEST_PASSWORD,
      tokenDelivery: "body",
    });
    const sessions = await user.caller.auth.sessions();
    const notCurrent = sessions.find((s) => !s.current);
    expect(await stranger.caller.auth.revokeSession({ sessionId: notCurrent?.id ?? "" })).toEqual({
      ok: false,
    });
    expect(await user.caller.auth.revokeSession({ sessionId: notCurrent?.id ?? "" })).toEqual({
      ok: true,
    });
    expect(
      await codeOf(callerFor(deps, { authorization: `Bearer ${second.accessToken}` }).auth.me()),
    ).toBe("UNAUTHORIZED");
  });
});

describe("passwords", () => {
  test("requestPasswordReset answers the same whether or not the email exists", async () => {
    const user = await signUp(deps);
    const known = await anon.auth.requestPasswordReset({ email: user.email });
    const unknownEmail = testEmail();
    const unknown = await anon.auth.requestPasswordReset({ email: unknownEmail });
    expect(unknown).toEqual(known);
    expect(await lastJobFor(deps, "email.password-reset", user.email)).toBeDefined();
    expect(await lastJobFor(deps, "email.password-reset", unknownEmail)).toBeUndefined();
  });

  test("resetPassword sets the new password and revokes all sessions; the link works once", async () => {
    const user = await signUp(deps);
    await anon.auth.requestPasswordReset({ email: user.email });
    const job = await lastJobFor(deps, "email.password-reset", user.email);
    // Checking the link does not spend it.
    expect(await anon.auth.checkResetToken({ token: job?.token ?? "" })).toEqual({ valid: true });
    expect(await anon.auth.checkResetToken({ token: job?.token ?? "" })).toEqual({ valid: true });
    await anon.auth.resetPassword({ token: job?.token ?? "", password: "a brand new secret" });
    expect(await anon.auth.checkResetToken({ token: job?.token ?? "" })).toEqual({ valid: false });
    expect(await anon.auth.checkResetToken({ token: "x".repeat(43) })).toEqual({ valid: false });
    expect(await codeOf(user.caller.auth.me())).toBe("UNAUTHORIZED");
    expect(
      await codeOf(
        anon.auth.login({ email: user.email, password: TEST_PASSWORD, tokenDelivery: "body" }),
      ),
    ).toBe("UNAUTHORIZED");
    expect(
      await codeOf(
        anon.auth.login({
          email: user.email,
          password: "a brand new secret",
          tokenDelivery: "body",
        }),
      ),
    ).toBe("ok");
    expect(
      await codeOf(anon.auth.resetPassword({ token: job?.token ?? "", password: "another one!" })),
    ).toBe("BAD_REQUEST");
  });

  test("updateProfile renames the user; a blank name is refused naming the field", async () => {
    const user = await signUp(deps);
    const updated = await user.caller.auth.updateProfile({ name: "  Ada Lovelace " });
    expect(updated).toMatchObject({ email: user.email, name: "Ada Lovelace" });
    expect((await user.caller.auth.me()).user.name).toBe("Ada Lovelace");
    const blank = await user.caller.auth.updateProfile({ name: "   " }).catch((e) => e);
    expect(blank).toMatchObject({ code: "BAD_REQUEST" });
    expect(JSON.stringify(blank.cause ?? blank)).toContain("name");
    expect(await codeOf(anon.auth.updateProfile({ name: "Nobody" }))).toBe("UNAUTHORIZED");
  });

  test("changePassword checks the current one, keeps this session and ends the others", async () => {
    const user = await signUp(deps);
    const other = await anon.auth.login({
      email: user.email,
      password: TEST_PASSWORD,
      tokenDelivery: "body",
    });
    const wrong = await user.caller.auth
      .changePassword({ currentPassword: "nope", newPassword: "whatever 123" })
      .catch((e) => e);
    expect(wrong).toMatchObject({ code: "BAD_REQUEST" });
    await user.caller.auth.changePassword({
      currentPassword: TEST_PASSWORD,
      newPassword: "whatever 123",
    });
    expect(await codeOf(user.caller.auth.me())).toBe("ok");
    expect(
      await codeOf(callerFor(deps, { authorization: `Bearer ${other.accessToken}` }).auth.me()),
    ).toBe("UNAUTHORIZED");
  });
});
