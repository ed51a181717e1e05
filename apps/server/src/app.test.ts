// /health, /ready and the JWKS through HTTP (app.request) against the real PostgreSQL and Redis.
import { afterAll, describe, expect, test } from "bun:test";
import { createRedis } from "@supportdesk/cache";
import { createTestDeps } from "@supportdesk/trpc/testing";
import { createApp } from "./app";

const deps = await createTestDeps();
const app = createApp({ deps, corsOrigins: ["http://localhost:5173"], trustProxy: false });
// Nothing listens on port 1: a Redis that is down.
const deadRedis = createRedis("redis://127.0.0.1:1", {
  name: "test-dead",
  maxRetriesPerRequest: 0,
  enableOfflineQueue: false,
  retryStrategy: () => null,
});
deadRedis.on("error", () => {});

afterAll(async () => {
  await deps.close();
  deadRedis.disconnect();
});

describe("probes", () => {
  test("/health answers while the process lives", async () => {
    const res = await app.request("/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  test("/ready is 200 when PostgreSQL and Redis answer", async () => {
    const res = await app.request("/ready");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready", postgres: "up", redis: "up" });
  });

  test("/ready is 503 naming Redis when Redis is down", async () => {
    const down = createApp({
      deps: { ...deps, redis: deadRedis },
      corsOrigins: [],
      trustProxy: false,
    });
    const res = await down.request("/ready");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "unavailable", postgres: "up", redis: "down" });
  });
});

describe("JWKS", () => {
  test("serves the public signing keys, never the private part", async () => {
    const res = await app.request("/.well-known/jwks.json");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { keys: Record<string, string>[] };
    expect(body.keys.length).toBe(1);
    expect(body.keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
    expect(body.keys[0]?.d).toBeUndefined();
  });
});

describe("access log", () => {
  test("each request line carries its request id, and the tenant and user it acted for", async () => {
    const lines: Record<string, unknown>[] = [];
    const { pino } = await import("pino");
    const log = pino(
      { level: "info" },
      { write: (line: string) => void lines.push(JSON.parse(line)) },
    );
    const { signUp } = await import("@supportdesk/trpc/testing");
    const owner = await signUp(deps, { tenantName: "Logged Co" });
    const logged = createApp({ deps: { ...deps, log }, corsOrigins: [], trustProxy: false });
    const res = await logged.request(`/t/${owner.tenant?.slug}/trpc/tenants.current`, {
      headers: { authorization: `Bearer ${owner.accessToken}` },
    });
    expect(res.status).toBe(200);
    const line = lines.find((l) => l.msg === "request");
    expect(line).toMatchObject({
      status: 200,
      tenantId: owner.tenant?.id,
      userId: owner.userId,
      requestId: res.headers.get("x-request-id"),
    });
    expect(JSON.stringify(lines)).not.toContain(owner.accessToken);
  });
});

describe("the web app", () => {
  test("pages get index.html (client-side routes), assets are files, API paths stay API", async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const root = mkdtempSync(join(tmpdir(), "sd-web-"));
    mkdirSync(join(root, "assets"));
    writeFileSync(join(root, "index.html"), "<!doctype html><title>SupportDesk</title>");
    writeFileSync(join(root, "assets", "app.js"), "console.log(1)");
    const web = createApp({ deps, corsOrigins: [], trustProxy: false, webRoot: root });
    const page = await web.request("/t/acme/tickets/123", { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>SupportDesk</title>");
    expect(await (await web.request("/assets/app.js")).text()).toBe("console.log(1)");
    expect((await web.request("/health", { headers: { accept: "text/html" } })).status).toBe(200);
    expect(await (await web.request("/health")).json()).toEqual({ status: "ok" });
    expect((await web.request("/nope")).status).toBe(404);
  });

  test("the HTML carries a strict Content-Security-Policy: no inline script, no eval, no framing", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const root = mkdtempSync(join(tmpdir(), "sd-web-"));
    writeFileSync(join(root, "index.html"), "<!doctype html><title>SupportDesk</title>");
    const web = createApp({ deps, corsOrigins: [], trustProxy: false, webRoot: root });
    const page = await web.request("http://desk.example:3000/t/acme/tickets", {
      headers: { accept: "text/html", host: "desk.example:3000" },
    });
    expect(page.status).toBe(200);
    const policy = new Map(
      (page.headers.get("content-security-policy") ?? "")
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values.join(" ")]),
    );
    expect(Object.fromEntries(policy)).toEqual({
      "default-src": "'self'",
      "script-src": "'self'",
      "style-src": "'self'",
      "img-src": "'self' https: data:",
      "font-src": "'self'",
      "connect-src": "'self' ws://desk.example:3000",
      "object-src": "'none'",
      "base-uri": "'none'",
      "form-action": "'self'",
      "frame-ancestors": "'none'",
    });
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("cross-origin-opener-policy")).toBe("same-origin");

    // A Host header that is not a host name adds nothing to the policy.
    const odd = await web.request("/", {
      headers: { accept: "text/html", host: "x y;script-src *" },
    });
    expect(odd.headers.get("content-security-policy")).toContain("connect-src 'self';");
    expect(odd.headers.get("content-security-policy")).not.toContain("script-src *");
  });

  test("assets: a year's immutable caching, gzip when accepted, nothing outside the folder", async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const { gunzipSync } = await import("node:zlib");
    const root = mkdtempSync(join(tmpdir(), "sd-web-"));
    mkdirSync(join(root, "assets"));
    writeFileSync(join(root, "index.html"), "<!doctype html><title>SupportDesk</title>");
    const script = `console.log(${JSON.stringify("x".repeat(5000))});`;
    writeFileSync(join(root, "assets", "index-abc123.js"), script);
    const web = createApp({ deps, corsOrigins: [], trustProxy: false, webRoot: root });

    const zipped = await web.request("/assets/index-abc123.js", {
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(zipped.headers.get("vary")).toContain("accept-encoding");
    expect(zipped.headers.get("content-type")).toContain("javascript");
    const body = new Uint8Array(await zipped.arrayBuffer());
    expect(body.length).toBeLessThan(script.length / 10);
    expect(gunzipSync(body).toString()).toBe(script);

    const plain = await web.request("/assets/index-abc123.js");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toBe(script);

    expect((await web.request("/assets/missing.js")).status).toBe(404);
    expect((await web.request("/assets/..%2Findex.html")).status).toBe(404);
    expect((await web.request("/assets/sub/../../index.html")).status).toBe(404);
  });
});
