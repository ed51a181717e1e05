// The server over HTTP only (app.request, tRPC v11 wire format without a transformer) against the
// real PostgreSQL and Redis: the refresh cookie, tenant resolution, rate limits, a Redis outage,
// size limits, input errors, authentication, CORS and the headers every response carries.
import { afterAll, describe, expect, test } from "bun:test";
import { createTokenService, generateSigningKey } from "@supportdesk/auth-utils";
import { createRateLimiter, createRedis } from "@supportdesk/cache";
import {
  createTestDeps,
  lastJobFor,
  signUp,
  TEST_PASSWORD,
  testEmail,
} from "@supportdesk/trpc/testing";
import { createApp } from "./app";

type App = ReturnType<typeof createApp>;

const ORIGIN = "http://localhost:5173";
const DOMAIN = "supportdesk.test";

const deps = await createTestDeps();
const limitedDeps = await createTestDeps({
  rateLimits: {
    free: 5,
    pro: 5,
    enterprise: 5,
    auth: 3,
    loginFailuresPerMinute: 3,
    loginFailuresPerEmailPerHour: 5,
    public: 5,
    contactPerIpPerHour: 100_000,
    contactPerTenantPerHour: 100_000,
  },
});
// Nothing listens on port 1: a Redis that is down, failing every command at once.
const deadRedis = createRedis("redis://127.0.0.1:1", {
  name: "test-dead",
  enableOfflineQueue: false,
  retryStrategy: () => null,
  maxRetriesPerRequest: 0,
});
deadRedis.on("error", () => {});

const app = createApp({ deps, corsOrigins: [ORIGIN], trustProxy: false });
/** Small limits; the client address comes from X-Forwarded-For. */
const limited = createApp({ deps: limitedDeps, corsOrigins: [ORIGIN], trustProxy: true });
const redisDown = createApp({
  deps: { ...deps, redis: deadRedis, rateLimiter: createRateLimiter(deadRedis) },
  corsOrigins: [ORIGIN],
  trustProxy: false,
});

afterAll(async () => {
  await deps.close();
  await limitedDeps.close();
  deadRedis.disconnect();
});

// ---------------------------------------------------------------------------------------------
// The wire

type WireError = {
  message: string;
  code: number;
  data: {
    code: string;
    httpStatus: number;
    field: string | null;
    fieldErrors: Record<string, string> | null;
  };
};
type Envelope<T> = { result?: { data: T }; error?: WireError };
type Reply<B> = {
  status: number;
  headers: Headers;
  text: string;
  body: B;
  /** The Set-Cookie headers, one entry each. */
  cookies: string[];
};

/** Every response of this file, for the checks that hold for all of them (last describe). */
const seen: { request: string; status: number; text: string; requestId: string | null }[] = [];

async function send<B>(target: App, path: string, init: RequestInit = {}): Promise<Reply<B>> {
  const url = path.startsWith("http") ? path : `http://localhost${path}`;
  const res = await target.request(url, init);
  const text = await res.text();
  seen.push({
    request: `${init.method ?? "GET"} ${path.slice(0, 200)}`,
    status: res.status,
    text,
    requestId: res.headers.get("x-request-id"),
  });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return {
    status: res.status,
    headers: res.headers,
    text,
    body: body as B,
    cookies: res.headers.getSetCookie(),
  };
}

type CallOptions = { headers?: Record<string, string>; base?: string };

/** A tRPC query: GET `<base>/<procedure>?input=<urlencoded JSON>`. */
function query<T>(target: App, procedure: string, input?: unknown, options: CallOptions = {}) {
  const search = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return send<Envelope<T>>(target, `${options.base ?? "/trpc"}/${procedure}${search}`, {
    headers: options.headers ?? {},
  });
}

/** A tRPC mutation: POST `<base>/<procedure>` with the input as the JSON body. */
function mutate<T>(target: App, procedure: string, input?: unknown, options: CallOptions = {}) {
  return send<Envelope<T>>(target, `${options.base ?? "/trpc"}/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...options.headers },
    ...(input === undefined ? {} : { body: JSON.stringify(input) }),
  });
}

/** A batched query: GET `<base>/a,b?batch=1&input={"0":…}`. */
function batchQuery<T>(target: App, calls: [string, unknown?][], options: CallOptions = {}) {
  const inputs: Record<string, unknown> = {};
  calls.forEach(([, input], i) => {
    if (input !== undefined) inputs[i] = input;
  });
  const paths = calls.map(([procedure]) => procedure).join(",");
  const search = `?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
  return send<Envelope<T>[]>(target, `${options.base ?? "/trpc"}/${paths}${search}`, {
    headers: options.headers ?? {},
  });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const unique = () => crypto.randomUUID().slice(0, 8);
const tenantName = () => `Acme ${unique()}`;
/** A client address no other run is likely to use within the 60 s window. */
const randomIp = () => `10.${Array.from(crypto.getRandomValues(new Uint8Array(3))).join(".")}`;

/** A user who owns a new tenant (signed up through the router, tokens in the body). */
async function owner(on = deps) {
  const user = await signUp(on, { tenantName: tenantName() });
  if (!user.tenant) throw new Error("signUp made no tenant");
  return { ...user, tenant: user.tenant };
}

type SignedInBody = {
  accessToken: string;
  refreshToken: string | null;
  user: { id: string; email: string };
  tenants: { id: string; slug: string }[];
};
type CurrentTenant = { id: string; slug: string; name: string; role: string };

// ---------------------------------------------------------------------------------------------

describe("the refresh cookie (tokenDelivery: cookie)", () => {
  const refreshCookie = (reply: Reply<unknown>) => {
    const cookies = reply.cookies.filter((c) => c.startsWith("sd_refresh="));
    expect(cookies).toHaveLength(1);
    return cookies[0] as string;
  };
  const attributes = (cookie: string) => cookie.split(/;\s*/).slice(1);
  const tokenIn = (cookie: string) => /^sd_refresh=([^;]*)/.exec(cookie)?.[1] ?? "";

  async function loginWithCookie(email: string, target = app, url?: string) {
    const reply = url
      ? await send<Envelope<SignedInBody>>(target, url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, password: TEST_PASSWORD, tokenDelivery: "cookie" }),
        })
      : await mutate<SignedInBody>(target, "auth.login", {
          email,
          password: TEST_PASSWORD,
          tokenDelivery: "cookie",
        });
    expect(reply.status).toBe(200);
    return {
      reply,
      cookie: refreshCookie(reply),
      accessToken: reply.body.result?.data.accessToken,
    };
  }

  /** POST /trpc/auth.refresh carrying nothing but the cookie (and an empty input, as tRPC clients send). */
  const refreshWith = (cookieValue: string) =>
    send<Envelope<SignedInBody>>(app, "/trpc/auth.refresh", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `sd_refresh=${cookieValue}` },
      body: "{}",
    });

  test("sign-up's verification link sets sd_refresh (Path=/trpc, HttpOnly, SameSite=Strict) and the body's refreshToken is null", async () => {
    const email = testEmail("cookie");
    const registered = await mutate<{ ok: boolean }>(app, "auth.register", {
      email,
      password: TEST_PASSWORD,
      name: "Cookie User",
      tenantName: tenantName(),
    });
    expect(registered.status).toBe(200);
    expect(registered.headers.get("set-cookie")).toBeNull();
    const job = await lastJobFor(deps, "email.verify", email);
    const reply = await mutate<SignedInBody>(app, "auth.verifyEmail", {
      token: job?.token,
      tokenDelivery: "cookie",
    });
    expect(reply.status).toBe(200);
    const cookie = refreshCookie(reply);
    expect(tokenIn(cookie).length).toBeGreaterThanOrEqual(20);
    expect(attributes(cookie)).toEqual(
      expect.arrayContaining(["Path=/trpc", "HttpOnly", "SameSite=Strict", "Max-Age=2592000"]),
    );
    // Plain HTTP: not Secure (the browser would drop it).
    expect(attributes(cookie)).not.toContain("Secure");
    expect(reply.body.result?.data.refreshToken).toBeNull();
    expect(reply.body.result?.data.accessToken).toBeString();
    expect(reply.text).not.toContain(tokenIn(cookie));
  });

  test("login with tokenDelivery cookie sets the cookie and keeps the token out of the body; over HTTPS it is Secure", async () => {
    const user = await signUp(deps);
    const { reply, cookie } = await loginWithCookie(user.email);
    expect(attributes(cookie)).toEqual(
      expect.arrayContaining(["Path=/trpc", "HttpOnly", "SameSite=Strict"]),
    );
    expect(reply.body.result?.data.refreshToken).toBeNull();
    expect(reply.text).not.toContain(tokenIn(cookie));

    const https = await loginWithCookie(user.email, app, `https://api.${DOMAIN}/trpc/auth.login`);
    expect(attributes(https.cookie)).toContain("Secure");
  });

  test("behind a trusted TLS proxy (X-Forwarded-Proto: https) the cookie is Secure; untrusted, it is not", async () => {
    const user = await signUp(deps);
    const login = (target: App) =>
      mutate<SignedInBody>(
        target,
        "auth.login",
        { email: user.email, password: TEST_PASSWORD },
        {
          headers: { "x-forwarded-proto": "https" },
        },
      );
    const proxied = createApp({ deps, corsOrigins: [], trustProxy: true });
    expect((await login(proxied)).cookies.join(";")).toContain("Secure");
    expect((await login(app)).cookies.join(";")).not.toContain("Secure");
  });

  test("tokenDelivery body sets no cookie and returns the refresh token", async () => {
    const user = await signUp(deps);
    const reply = await mutate<SignedInBody>(app, "auth.login", {
      email: user.email,
      password: TEST_PASSWORD,
      tokenDelivery: "body",
    });
    expect(reply.status).toBe(200);
    expect(reply.cookies.filter((c) => c.startsWith("sd_refresh="))).toEqual([]);
    expect(reply.body.result?.data.refreshToken).toBeString();
  });

  test("POST /trpc/auth.refresh with only the cookie rotates it: a new cookie and a new access token", async () => {
    const user = await signUp(deps);
    const first = await loginWithCookie(user.email);
    const refreshed = await refreshWith(tokenIn(first.cookie));
    expect(refreshed.status).toBe(200);
    const next = refreshCookie(refreshed);
    expect(tokenIn(next)).not.toBe(tokenIn(first.cookie));
    expect(attributes(next)).toEqual(
      expect.arrayContaining(["Path=/trpc", "HttpOnly", "SameSite=Strict", "Max-Age=2592000"]),
    );
    const data = refreshed.body.result?.data;
    expect(data?.refreshToken).toBeNull();
    expect(data?.accessToken).toBeString();
    expect(data?.accessToken).not.toBe(first.accessToken);
    const me = await query<{ id: string }>(app, "auth.me", undefined, {
      headers: bearer(data?.accessToken ?? ""),
    });
    expect(me.status).toBe(200);
  });

  test("refresh without a cookie or token is 401", async () => {
    const reply = await send<Envelope<unknown>>(app, "/trpc/auth.refresh", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(reply.status).toBe(401);
    expect(reply.body.error?.data.code).toBe("UNAUTHORIZED");
  });

  test("replaying a spent cookie is 401, clears the cookie and revokes the session: the rotated cookie and the access token stop working", async () => {
    const user = await signUp(deps);
    const first = await loginWithCookie(user.email);
    const rotated = await refreshWith(tokenIn(first.cookie));
    expect(rotated.status).toBe(200);
    const newCookie = tokenIn(refreshCookie(rotated));
    const newAccess = rotated.body.result?.data.accessToken ?? "";

    const replay = await refreshWith(tokenIn(first.cookie));
    expect(replay.status).toBe(401);
    expect(replay.body.error?.data.code).toBe("UNAUTHORIZED");
    const cleared = refreshCookie(replay);
    expect(tokenIn(cleared)).toBe("");
    expect(attributes(cleared)).toEqual(expect.arrayContaining(["Path=/trpc", "Max-Age=0"]));

    const afterReuse = await refreshWith(newCookie);
    expect(afterReuse.status).toBe(401);
    const me = await query(app, "auth.me", undefined, { headers: bearer(newAccess) });
    expect(me.status).toBe(401);
  });

  test("logout clears the cookie (Max-Age=0) and that session's cookie no longer refreshes", async () => {
    const user = await signUp(deps);
    const session = await loginWithCookie(user.email);
    const out = await mutate<{ ok: boolean }>(app, "auth.logout", undefined, {
      headers: bearer(session.accessToken ?? ""),
    });
    expect(out.status).toBe(200);
    expect(out.body.result?.data).toEqual({ ok: true });
    const cleared = refreshCookie(out);
    expect(tokenIn(cleared)).toBe("");
    expect(attributes(cleared)).toEqual(
      expect.arrayContaining(["Path=/trpc", "HttpOnly", "SameSite=Strict", "Max-Age=0"]),
    );
    expect((await refreshWith(tokenIn(session.cookie))).status).toBe(401);
    const me = await query(app, "auth.me", undefined, {
      headers: bearer(session.accessToken ?? ""),
    });
    expect(me.status).toBe(401);
  });
});

// ---------------------------------------------------------------------------------------------

describe("tenant resolution over HTTP", () => {
  /**
   * Alice owns two tenants; her session remembers the first, so a request only reaches the
   * second when the hint under test names it.
   */
  async function aliceWithTwoTenants() {
    const alice = await owner();
    const slug = `second-${unique()}`;
    const created = await mutate<{ id: string; slug: string }>(
      app,
      "tenants.create",
      { name: tenantName(), slug },
      { headers: bearer(alice.accessToken) },
    );
    expect(created.status).toBe(200);
    const second = created.body.result?.data;
    if (!second) throw new Error("tenants.create returned no tenant");
    // Without a hint the session's tenant (the first) answers.
    const plain = await query<CurrentTenant>(app, "tenants.current", undefined, {
      headers: bearer(alice.accessToken),
    });
    expect(plain.body.result?.data.id).toBe(alice.tenant.id);
    return { alice, second };
  }

  test("/t/<slug>/trpc/tenants.current answers for a member", async () => {
    const { alice, second } = await aliceWithTwoTenants();
    const reply = await query<CurrentTenant>(app, "tenants.current", undefined, {
      base: `/t/${second.slug}/trpc`,
      headers: bearer(alice.accessToken),
    });
    expect(reply.status).toBe(200);
    expect(reply.body.result?.data).toMatchObject({
      id: second.id,
      slug: second.slug,
      role: "owner",
    });
  });

  test("the X-Tenant-Slug header names the tenant", async () => {
    const { alice, second } = await aliceWithTwoTenants();
    const reply = await query<CurrentTenant>(app, "tenants.current", undefined, {
      headers: { ...bearer(alice.accessToken), "x-tenant-slug": second.slug },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.result?.data.id).toBe(second.id);
  });

  test("the X-Tenant-ID header names the tenant", async () => {
    const { alice, second } = await aliceWithTwoTenants();
    const reply = await query<CurrentTenant>(app, "tenants.current", undefined, {
      headers: { ...bearer(alice.accessToken), "x-tenant-id": second.id },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.result?.data.id).toBe(second.id);
  });

  test("Host: <slug>.supportdesk.test names the tenant", async () => {
    const { alice, second } = await aliceWithTwoTenants();
    const reply = await query<CurrentTenant>(app, "tenants.current", undefined, {
      headers: { ...bearer(alice.accessToken), host: `${second.slug}.${DOMAIN}` },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.result?.data.id).toBe(second.id);
  });

  test("a non-member naming someone else's tenant by path, header or host gets the same 404 as for a tenant that does not exist", async () => {
    const alice = await owner();
    const mallory = await owner();
    const missing = `nosuch-${unique()}`;
    const as = (options: CallOptions) =>
      query(app, "tenants.current", undefined, {
        ...options,
        headers: { ...bearer(mallory.accessToken), ...options.headers },
      });
    const pairs: [string, CallOptions, CallOptions][] = [
      ["path", { base: `/t/${alice.tenant.slug}/trpc` }, { base: `/t/${missing}/trpc` }],
      [
        "X-Tenant-Slug",
        { headers: { "x-tenant-slug": alice.tenant.slug } },
        { headers: { "x-tenant-slug": missing } },
      ],
      [
        "X-Tenant-ID",
        { headers: { "x-tenant-id": alice.tenant.id } },
        { headers: { "x-tenant-id": crypto.randomUUID() } },
      ],
      [
        "Host",
        { headers: { host: `${alice.tenant.slug}.${DOMAIN}` } },
        { headers: { host: `${missing}.${DOMAIN}` } },
      ],
    ];
    const bodies = new Set<string>();
    for (const [hint, theirs, nowhere] of pairs) {
      const other = await as(theirs);
      const none = await as(nowhere);
      expect({ hint, status: other.status }).toEqual({ hint, status: 404 });
      expect({ hint, status: none.status }).toEqual({ hint, status: 404 });
      expect({ hint, body: other.text }).toEqual({ hint, body: none.text });
      expect(other.body.error?.data.code).toBe("NOT_FOUND");
      expect(other.text).not.toContain(alice.tenant.id);
      bodies.add(other.text);
    }
    expect(bodies.size).toBe(1);
  });

  test("a user with no tenant who names none gets 400 saying how to pick one", async () => {
    const loner = await signUp(deps);
    const reply = await query(app, "tickets.list", undefined, {
      headers: bearer(loner.accessToken),
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error?.message).toContain("X-Tenant-Slug");
  });
});

// ---------------------------------------------------------------------------------------------

describe("rate limits (plan limit 5, auth limit 3)", () => {
  const current = (slug: string, token: string, headers: Record<string, string> = {}) =>
    query<CurrentTenant>(limited, "tenants.current", undefined, {
      base: `/t/${slug}/trpc`,
      headers: { ...bearer(token), ...headers },
    });

  test("a tenant procedure's response carries X-RateLimit-Limit, -Remaining and -Reset", async () => {
    const user = await owner(limitedDeps);
    const reply = await current(user.tenant.slug, user.accessToken);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("x-ratelimit-limit")).toBe("5");
    expect(reply.headers.get("x-ratelimit-remaining")).toBe("4");
    const reset = Number(reply.headers.get("x-ratelimit-reset"));
    const now = Date.now() / 1000;
    expect(Number.isInteger(reset)).toBe(true);
    expect(reset).toBeGreaterThan(now - 1);
    expect(reset).toBeLessThanOrEqual(now + 61);
  });

  test("over the tenant's budget: 429 TOO_MANY_REQUESTS with Retry-After", async () => {
    const user = await owner(limitedDeps);
    for (let i = 0; i < 5; i++) {
      const reply = await current(user.tenant.slug, user.accessToken);
      expect(reply.status).toBe(200);
    }
    const refused = await current(user.tenant.slug, user.accessToken);
    expect(refused.status).toBe(429);
    expect(refused.body.error?.data.code).toBe("TOO_MANY_REQUESTS");
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(120);
  });

  test("each call of a batch counts: a batch of 3 drops Remaining by 3", async () => {
    const user = await owner(limitedDeps);
    const single = await current(user.tenant.slug, user.accessToken);
    expect(single.headers.get("x-ratelimit-remaining")).toBe("4");
    const batch = await batchQuery(
      limited,
      [["tenants.current"], ["tickets.list", {}], ["tenants.current"]],
      { base: `/t/${user.tenant.slug}/trpc`, headers: bearer(user.accessToken) },
    );
    expect(batch.status).toBe(200);
    expect(batch.body).toHaveLength(3);
    for (const item of batch.body) expect(item.error).toBeUndefined();
    expect(batch.headers.get("x-ratelimit-limit")).toBe("5");
    expect(batch.headers.get("x-ratelimit-remaining")).toBe("1");
  });

  test("auth.login is limited per client IP (X-Forwarded-For behind a trusted proxy)", async () => {
    const ip = randomIp();
    const attempt = (from: string) =>
      mutate(
        limited,
        "auth.login",
        { email: testEmail("ip"), password: "wrong password", tokenDelivery: "body" },
        { headers: { "x-forwarded-for": from } },
      );
    for (let i = 0; i < 3; i++) expect((await attempt(ip)).status).toBe(401);
    const refused = await attempt(ip);
    expect(refused.status).toBe(429);
    expect(refused.body.error?.data.code).toBe("TOO_MANY_REQUESTS");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Another address is not affected.
    expect((await attempt(randomIp())).status).toBe(401);
  });

  // Behind the trusted proxy the address is the entry the proxy appended (the rightmost).
  test("a client-written X-Forwarded-For entry does not buy a fresh per-IP budget", async () => {
    const realIp = randomIp();
    const attempt = () =>
      mutate(
        limited,
        "auth.login",
        { email: testEmail("spoof"), password: "wrong password", tokenDelivery: "body" },
        // "<what the client wrote>, <what the trusted proxy saw>"
        { headers: { "x-forwarded-for": `${randomIp()}, ${realIp}` } },
      );
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(429);
  });

  test("auth.login failures are limited per email: the same email from different IPs → 429 after 5", async () => {
    const email = testEmail("per-email");
    const attempt = () =>
      mutate(
        limited,
        "auth.login",
        { email, password: "wrong password", tokenDelivery: "body" },
        { headers: { "x-forwarded-for": randomIp() } },
      );
    for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
    const refused = await attempt();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // The email is normalised before counting: case and spaces do not buy more attempts.
    const shouted = await mutate(
      limited,
      "auth.login",
      { email: `  ${email.toUpperCase()} `, password: "wrong password" },
      { headers: { "x-forwarded-for": randomIp() } },
    );
    expect(shouted.status).toBe(429);
  });
});

// ---------------------------------------------------------------------------------------------

describe("when Redis is down", () => {
  test("tenant requests still succeed (rate limit fails open, membership from the database) without X-RateLimit headers", async () => {
    const user = await owner();
    const byPath = await query<CurrentTenant>(redisDown, "tenants.current", undefined, {
      base: `/t/${user.tenant.slug}/trpc`,
      headers: bearer(user.accessToken),
    });
    expect(byPath.status).toBe(200);
    expect(byPath.body.result?.data.id).toBe(user.tenant.id);
    for (const name of ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"]) {
      expect(byPath.headers.get(name)).toBeNull();
    }
    const created = await mutate<{ id: string }>(
      redisDown,
      "tickets.create",
      { subject: "Printer on fire", body: "Smoke everywhere." },
      { headers: { ...bearer(user.accessToken), "x-tenant-slug": user.tenant.slug } },
    );
    expect(created.status).toBe(200);
    expect(created.headers.get("x-ratelimit-remaining")).toBeNull();
  });

  test("sign-in still works (auth limits count in this process meanwhile)", async () => {
    const user = await signUp(deps);
    const reply = await mutate<SignedInBody>(redisDown, "auth.login", {
      email: user.email,
      password: TEST_PASSWORD,
      tokenDelivery: "body",
    });
    expect(reply.status).toBe(200);
    expect(reply.body.result?.data.user.email).toBe(user.email);
  });
});

// ---------------------------------------------------------------------------------------------

describe("size limits", () => {
  const checkSlug = (): [string, unknown] => ["tenants.checkSlug", { slug: `free-${unique()}` }];

  test("a batch of 25 calls is answered", async () => {
    const reply = await batchQuery(app, Array.from({ length: 25 }, checkSlug));
    expect(reply.status).toBe(200);
    expect(reply.body).toHaveLength(25);
  });

  test("a batch of 26 calls is refused with 400 naming the batch size", async () => {
    const reply = await batchQuery(app, Array.from({ length: 26 }, checkSlug));
    expect(reply.status).toBe(400);
    expect(reply.text.toLowerCase()).toContain("batch");
    const error = Array.isArray(reply.body)
      ? reply.body[0]?.error
      : (reply.body as Envelope<unknown>).error;
    expect(error?.data.code).toBe("BAD_REQUEST");
    expect(error?.message).toMatch(/batch.*(size|exceed)/i);
  });

  test("a body over 1 MiB is refused with 413, with or without Content-Length", async () => {
    const body = JSON.stringify({ email: "big@example.test", password: "x".repeat(1024 * 1024) });
    const withLength = await send<{ error: { message: string } }>(app, "/trpc/auth.login", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(body.length) },
      body,
    });
    expect(withLength.status).toBe(413);
    expect(withLength.body.error.message).toContain("1 MiB");

    const stream = new Blob([body]).stream();
    const streamed = await send<{ error: { message: string } }>(
      app,
      "/t/anything/trpc/auth.login",
      { method: "POST", headers: { "content-type": "application/json" }, body: stream },
    );
    expect(streamed.status).toBe(413);
  });
});

// ---------------------------------------------------------------------------------------------

describe("input errors", () => {
  test("auth.register with email 'nope' → 400 BAD_REQUEST naming the field email", async () => {
    const reply = await mutate(app, "auth.register", {
      email: "nope",
      password: TEST_PASSWORD,
      name: "Bad Email",
    });
    expect(reply.status).toBe(400);
    const error = reply.body.error;
    expect(error?.data).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400, field: "email" });
    expect(error?.data.fieldErrors).toHaveProperty("email");
    expect(error?.message).toStartWith("email");
  });

  test("tickets.create with subject '' → 400 naming the field subject", async () => {
    const user = await owner();
    const reply = await mutate(
      app,
      "tickets.create",
      { subject: "", body: "Something" },
      { base: `/t/${user.tenant.slug}/trpc`, headers: bearer(user.accessToken) },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error?.data).toMatchObject({ code: "BAD_REQUEST", field: "subject" });
    expect(reply.body.error?.message).toStartWith("subject");
  });

  test("tickets.get with id 'x' → 400 naming the field id", async () => {
    const user = await owner();
    const reply = await query(
      app,
      "tickets.get",
      { id: "x" },
      {
        base: `/t/${user.tenant.slug}/trpc`,
        headers: bearer(user.accessToken),
      },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error?.data).toMatchObject({ code: "BAD_REQUEST", field: "id" });
    expect(reply.body.error?.message).toStartWith("id");
  });

  test("malformed JSON input is 400, never 500, in a query string or a body", async () => {
    const user = await owner();
    const inQuery = await send<Envelope<unknown>>(app, "/trpc/tickets.list?input=%7Bnope", {
      headers: { ...bearer(user.accessToken), "x-tenant-slug": user.tenant.slug },
    });
    expect(inQuery.status).toBe(400);
    expect(inQuery.body.error).toBeDefined();

    const inBody = await send<Envelope<unknown>>(app, "/trpc/auth.login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"email": "a@example.test", "password": ',
    });
    expect(inBody.status).toBe(400);
    expect(inBody.body.error).toBeDefined();

    const batch = await send<unknown>(
      app,
      "/trpc/tenants.checkSlug,tenants.checkSlug?batch=1&input=%5B",
      {},
    );
    expect(batch.status).toBe(400);
  });

  test("an unknown procedure is 404 and a GET on a mutation is 405, not 500", async () => {
    expect((await query(app, "tickets.nope")).status).toBe(404);
    expect((await query(app, "auth.login", { email: "a@example.test" })).status).toBe(405);
  });
});

// ---------------------------------------------------------------------------------------------

describe("authentication", () => {
  test("a tenant procedure without credentials → 401", async () => {
    const user = await owner();
    const reply = await query(app, "tenants.current", undefined, {
      base: `/t/${user.tenant.slug}/trpc`,
    });
    expect(reply.status).toBe(401);
    expect(reply.body.error?.data.code).toBe("UNAUTHORIZED");
  });

  test("an access token with a bad signature → 401", async () => {
    const user = await owner();
    const [header, payload, signature = ""] = user.accessToken.split(".");
    const middle = Math.floor(signature.length / 2);
    const flipped = signature[middle] === "A" ? "B" : "A";
    const tampered = `${header}.${payload}.${signature.slice(0, middle)}${flipped}${signature.slice(middle + 1)}`;

    // The same claims signed with a key the server does not hold, under the server's kid.
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as {
      sub: string;
      sid: string;
    };
    const stranger = await createTokenService({
      keys: [await generateSigningKey()],
      issuer: "supportdesk-test",
      audience: "supportdesk-api",
      ttlSeconds: 900,
    });
    const forged = (await stranger.signAccessToken(claims)).token.split(".")[2];
    const spliced = `${header}.${payload}.${forged}`;

    for (const token of [tampered, spliced, `${header}.${payload}.`, "not-a-jwt"]) {
      const reply = await query(app, "tenants.current", undefined, {
        base: `/t/${user.tenant.slug}/trpc`,
        headers: bearer(token),
      });
      expect({ token, status: reply.status }).toEqual({ token, status: 401 });
    }
    // The genuine token still works.
    const genuine = await query(app, "tenants.current", undefined, {
      base: `/t/${user.tenant.slug}/trpc`,
      headers: bearer(user.accessToken),
    });
    expect(genuine.status).toBe(200);
  });

  async function keyFor(user: Awaited<ReturnType<typeof owner>>) {
    const created = await mutate<{ id: string; key: string; role: string }>(
      app,
      "apiKeys.create",
      { name: "Integration", role: "member" },
      { base: `/t/${user.tenant.slug}/trpc`, headers: bearer(user.accessToken) },
    );
    expect(created.status).toBe(200);
    const key = created.body.result?.data;
    if (!key) throw new Error("apiKeys.create returned no key");
    expect(key.key).toStartWith("sdk_");
    return key;
  }

  test("an API key (Bearer sdk_…) works on its tenant; a revoked key → 401", async () => {
    const user = await owner();
    const key = await keyFor(user);

    const current = await query<CurrentTenant>(app, "tenants.current", undefined, {
      headers: bearer(key.key),
    });
    expect(current.status).toBe(200);
    expect(current.body.result?.data).toMatchObject({ id: user.tenant.id, role: "member" });
    const byPath = await query(app, "tickets.list", undefined, {
      base: `/t/${user.tenant.slug}/trpc`,
      headers: bearer(key.key),
    });
    expect(byPath.status).toBe(200);

    const revoked = await mutate(
      app,
      "apiKeys.revoke",
      { id: key.id },
      {
        base: `/t/${user.tenant.slug}/trpc`,
        headers: bearer(user.accessToken),
      },
    );
    expect(revoked.status).toBe(200);
    const after = await query(app, "tenants.current", undefined, { headers: bearer(key.key) });
    expect(after.status).toBe(401);
    expect(after.body.error?.data.code).toBe("UNAUTHORIZED");
  });

  test("an API key naming another tenant gets 404", async () => {
    const user = await owner();
    const other = await owner();
    const key = await keyFor(user);
    const byPath = await query(app, "tenants.current", undefined, {
      base: `/t/${other.tenant.slug}/trpc`,
      headers: bearer(key.key),
    });
    expect(byPath.status).toBe(404);
    const byHeader = await query(app, "tenants.current", undefined, {
      headers: { ...bearer(key.key), "x-tenant-id": other.tenant.id },
    });
    expect(byHeader.status).toBe(404);
    expect(byHeader.text).toBe(byPath.text);
  });

  test("an API key naming a tenant that does not exist gets the same 404 (by path, header or host)", async () => {
    const user = await owner();
    const other = await owner();
    const key = await keyFor(user);
    const existing = await query(app, "tenants.current", undefined, {
      base: `/t/${other.tenant.slug}/trpc`,
      headers: bearer(key.key),
    });
    expect(existing.status).toBe(404);
    const missing = `nosuch-${unique()}`;
    const hints: [string, CallOptions][] = [
      ["path", { base: `/t/${missing}/trpc` }],
      ["X-Tenant-Slug", { headers: { "x-tenant-slug": missing } }],
      ["X-Tenant-ID", { headers: { "x-tenant-id": crypto.randomUUID() } }],
      ["Host", { headers: { host: `${missing}.${DOMAIN}` } }],
    ];
    for (const [hint, options] of hints) {
      const reply = await query(app, "tenants.current", undefined, {
        ...options,
        headers: { ...bearer(key.key), ...options.headers },
      });
      expect({ hint, status: reply.status, body: reply.text }).toEqual({
        hint,
        status: 404,
        body: existing.text,
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe("CORS and headers", () => {
  const preflight = (origin: string) =>
    send(app, "/trpc/auth.login", {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, authorization, x-tenant-slug",
      },
    });

  test("a preflight from an allowed origin is allowed, with credentials", async () => {
    const reply = await preflight(ORIGIN);
    expect(reply.status).toBeLessThan(300);
    expect(reply.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(reply.headers.get("access-control-allow-credentials")).toBe("true");
    const allowed = reply.headers.get("access-control-allow-headers")?.toLowerCase() ?? "";
    for (const header of ["authorization", "content-type", "x-tenant-slug", "x-tenant-id"]) {
      expect(allowed).toContain(header);
    }
  });

  test("a request from an allowed origin may read the rate-limit and request-id headers", async () => {
    const reply = await send(app, "/health", { headers: { origin: ORIGIN } });
    expect(reply.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(reply.headers.get("access-control-allow-credentials")).toBe("true");
    const exposed = reply.headers.get("access-control-expose-headers")?.toLowerCase() ?? "";
    for (const header of ["x-ratelimit-remaining", "retry-after", "x-request-id"]) {
      expect(exposed).toContain(header);
    }
  });

  test("a disallowed origin gets no Access-Control-Allow-Origin, on preflight or request", async () => {
    const evil = "https://evil.example";
    const pre = await preflight(evil);
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
    const reply = await send(app, "/health", { headers: { origin: evil } });
    expect(reply.headers.get("access-control-allow-origin")).toBeNull();
  });

  test("secure headers are on plain routes, tRPC answers, errors and 404s", async () => {
    const user = await owner();
    const replies = [
      await send(app, "/health"),
      await query(app, "tenants.current", undefined, { headers: bearer(user.accessToken) }),
      await query(app, "tenants.current"),
      await send(app, "/no/such/route"),
    ];
    for (const reply of replies) {
      expect(reply.headers.get("x-content-type-options")).toBe("nosniff");
      expect(reply.headers.get("x-frame-options")).toBe("DENY");
      expect(reply.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
    expect(replies[3]?.status).toBe(404);
  });

  test("a request's own X-Request-Id is echoed", async () => {
    const id = `req-${unique()}`;
    const reply = await send(app, "/health", { headers: { "x-request-id": id } });
    expect(reply.headers.get("x-request-id")).toBe(id);
  });
});

// Runs last (tests in a file run in order): checks over every response the tests above got.
describe("every response of this file", () => {
  test("has an X-Request-Id", () => {
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((reply) => !reply.requestId).map((reply) => reply.request)).toEqual([]);
  });

  test("has no stack trace or source path in its body", () => {
    const leaks = seen
      .filter((reply) => /stack|\/work\/|\.ts:|node_modules/i.test(reply.text))
      .map((reply) => `${reply.request} → ${reply.status}: ${reply.text.slice(0, 300)}`);
    expect(leaks).toEqual([]);
  });

  test("was never a 500", () => {
    expect(seen.filter((reply) => reply.status >= 500).map((reply) => reply.request)).toEqual([]);
  });
});
