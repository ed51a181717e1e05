// Every auth flow through createCaller against real PostgreSQL and Redis.
import { afterAll, describe, expect, test } from "bun:test";
import { generateSigningKey } from "@supportdesk/auth-utils";
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
  test("with tenantName: creates the user, the tenant and the owner role, and signs in", async () => {
    const user = await signUp(deps, { tenantName: "Register Co" });
    expect(user.tenant).toMatchObject({ name: "Register Co", role: "owner" });
    expect(user.tenant?.slug).toMatch(/^register-co/);
    const me = await user.caller.auth.me();
    expect(me.user).toMatchObject({ email: user.email, emailVerified: false });
    expect(me.currentTenantId).toBe(user.tenant?.id ?? "");
  });

  test("records the verification email in the outbox; verifying marks the address verified, once", async () => {
    const user = await signUp(deps);
    const job = await lastJobFor(deps, "email.verify", user.email);
    expect(job?.token).toBeString();
    await anon.auth.verifyEmail({ token: job?.token ?? "" });
    expect((await user.caller.auth.me()).user.emailVerified).toBe(true);
    expect(await codeOf(anon.auth.verifyEmail({ token: job?.token ?? "" }))).toBe("BAD_REQUEST");
  });

  test("the same email (any case) cannot register twice", async () => {
    const email = testEmail();
    await signUp(deps, { email });
    const error = await anon.auth
      .register({
        email: email.toUpperCase(),
        password: TEST_PASSWORD,
        name: "Twin",
        tokenDelivery: "body",
      })
      .catch((e) => e);
    expect(error).toMatchObject({ code: "CONFLICT" });
  });

  test("a taken or reserved subdomain is refused naming tenantSlug, and no user is left behind", async () => {
    const owner = await signUp(deps, { tenantName: "Taken Slug" });
    const email = testEmail();
    const error = await anon.auth
      .register({
        email,
        password: TEST_PASSWORD,
        name: "X",
        tenantName: "X",
        tenantSlug: owner.tenant?.slug,
        tokenDelivery: "body",
      })
      .catch((e) => e);
    expect(error).toMatchObject({ code: "CONFLICT" });
    const reserved = await anon.auth
      .register({
        email,
        password: TEST_PASSWORD,
        name: "X",
        tenantName: "X",
        tenantSlug: "admin",
        tokenDelivery: "body",
      })
      .catch((e) => e);
    expect(reserved).toMatchObject({ code: "BAD_REQUEST" });
    // The email is still free: both transactions rolled back.
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
      { id: user.tenant?.id, name: "Login Co", slug: user.tenant?.slug, role: "owner" },
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
