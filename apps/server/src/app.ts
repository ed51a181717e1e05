// The HTTP application (Hono): built from its dependencies so tests call it with `app.request`.
import {
  appRouter,
  createContext,
  MAX_BATCH_SIZE,
  type RequestInfo,
  type TrpcDeps,
  wasReported,
} from "@supportdesk/trpc";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { type Handler, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { serveFile } from "./files";
import { mountHelpCentre } from "./helpcentre";
import { type InboundWebhookOptions, receiveWebhook } from "./inbound-webhook";
import { securityHeaders } from "./security-headers";
import { receiveUpload } from "./uploads";

export type AppOptions = {
  deps: TrpcDeps;
  corsOrigins: string[];
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** The web app's production build (apps/web/dist) to serve, when present. */
  webRoot?: string;
  /** The socket's remote address, from the runtime (Bun.serve's requestIP). */
  remoteAddress?: (req: Request) => string | null;
  /** The realtime WebSocket endpoint mounted at `GET /ws` (`createWsHandler(…).route`, ./ws.ts). */
  ws?: Handler;
  /** An email provider's inbound webhook at `POST /inbound/email` (./inbound-webhook.ts), when set. */
  inboundWebhook?: InboundWebhookOptions;
};

/** How long a readiness probe waits for each dependency before calling it down. */
const PROBE_TIMEOUT_MS = 1000;

async function probe(check: () => Promise<unknown>): Promise<"up" | "down"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return "up";
  } catch {
    return "down";
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The client's address. Behind the (one) trusted proxy it is the last X-Forwarded-For entry, the
 * one the proxy appended: the entries before it are whatever the client chose to send.
 */
function clientIp(options: AppOptions, req: Request): string | null {
  if (options.trustProxy) {
    const forwarded = req.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return options.remoteAddress?.(req) ?? null;
}

/** Whether the client's connection is HTTPS (behind a trusted proxy, as the proxy says). */
function isSecure(options: AppOptions, req: Request): boolean {
  if (
    options.trustProxy &&
    req.headers.get("x-forwarded-proto")?.split(",").at(-1)?.trim() === "https"
  ) {
    return true;
  }
  return new URL(req.url).protocol === "https:";
}

/** The app's per-request variables: log fields filled in by the tRPC context. */
export type AppEnv = { Variables: { logFields: RequestInfo["logFields"] } };

/**
 * The server's routes: `/health`, `/ready`, `/.well-known/jwks.json`, and tRPC at `/trpc` and
 * `/t/:slug/trpc` (the path names the tenant, so two tabs can work in two tenants), `/ws` when
 * given a WebSocket handler, and the web app's build when given `webRoot`.
 */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const { deps } = options;
  const app = new Hono<AppEnv>();
  app.use(requestId());
  // CSP and its companions on every response, the web app's HTML included (./security-headers.ts).
  // A stored file is never a page of ours: outside the policy below, its own is a sandbox.
  app.use("/files/*", async (c, next) => {
    await next();
    c.res.headers.set("content-security-policy", "default-src 'none'; sandbox");
  });
  app.use(securityHeaders((req) => isSecure(options, req)));
  app.use(
    "*",
    cors({
      origin: (origin) => (options.corsOrigins.includes(origin) ? origin : null),
      credentials: true,
      allowHeaders: [
        "authorization",
        "content-type",
        "x-tenant-id",
        "x-tenant-slug",
        "trpc-accept",
      ],
      exposeHeaders: [
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
        "retry-after",
        "x-request-id",
      ],
      maxAge: 600,
    }),
  );
  app.use("*", async function accessLog(c, next) {
    const started = performance.now();
    const logFields: RequestInfo["logFields"] = {};
    c.set("logFields", logFields);
    await next();
    deps.log.info(
      {
        requestId: c.get("requestId"),
        ...logFields,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      "request",
    );
  });

  // The public help centre (./helpcentre): /hc/<slug>/…, and every non-API path on a tenant's host.
  mountHelpCentre(app, {
    deps,
    isSecure: (req) => isSecure(options, req),
    clientIp: (req) => clientIp(options, req),
  });

  app.get("/health", (c) => c.json({ status: "ok" }));
  app.get("/ready", async (c) => {
    const [postgres, redis] = await Promise.all([
      probe(() => deps.db.sql`select 1`),
      probe(() => deps.redis.ping()),
    ]);
    const ready = postgres === "up" && redis === "up";
    return c.json({ status: ready ? "ready" : "unavailable", postgres, redis }, ready ? 200 : 503);
  });
  app.get("/.well-known/jwks.json", (c) => {
    c.header("Cache-Control", "public, max-age=300");
    return c.json(deps.tokens.jwks());
  });
  if (options.ws) app.get("/ws", options.ws);
  const webhook = options.inboundWebhook;
  if (webhook) app.post("/inbound/email", (c) => receiveWebhook(deps, webhook, c));
  // Agents' files for replies, by the signed link attachments.createUpload gives (./uploads.ts).
  app.put("/uploads/:token", (c) => receiveUpload(deps, c));
  // Stored files by signed link (./files.ts): attachments and emails' originals.
  app.get("/files/:token", (c) => serveFile(deps, c.req.param("token")));

  const limitBody = bodyLimit({
    maxSize: 1024 * 1024,
    onError: (c) => c.json({ error: { message: "The request body is larger than 1 MiB." } }, 413),
  });
  const handle = (
    endpoint: string,
    slug: string | undefined,
    req: Request,
    id: string,
    logFields: RequestInfo["logFields"],
  ) =>
    fetchRequestHandler({
      endpoint,
      req,
      router: appRouter,
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: ({ resHeaders }) =>
        createContext(deps, {
          req,
          resHeaders,
          requestId: id,
          clientIp: clientIp(options, req),
          secure: isSecure(options, req),
          pathSlug: slug,
          logFields,
        }),
      onError({ error, path }) {
        // Procedures' errors were logged (redacted) by mapErrors; log what failed outside them.
        if (error.code === "INTERNAL_SERVER_ERROR" && !wasReported(error)) {
          deps.log.error({ err: error.cause ?? error, path, requestId: id }, "trpc error");
        }
      },
    });
  app.use("/trpc/*", limitBody);
  app.use("/t/:slug/trpc/*", limitBody);
  app.all("/trpc/*", (c) =>
    handle("/trpc", undefined, c.req.raw, c.get("requestId"), c.get("logFields")),
  );
  app.all("/t/:slug/trpc/*", (c) => {
    const slug = c.req.param("slug");
    return handle(`/t/${slug}/trpc`, slug, c.req.raw, c.get("requestId"), c.get("logFields"));
  });
  if (options.webRoot) {
    const root = options.webRoot;
    // The web app's build: files as they are, and index.html for its client-side routes.
    app.get("/assets/*", (c, next) =>
      serveAsset(root, c.req.path, c.req.header("accept-encoding"), next),
    );
    app.get("*", async (c, next) => {
      const accept = c.req.header("accept") ?? "";
      if (!accept.includes("text/html")) return next();
      const file = Bun.file(`${root}/index.html`);
      if (!(await file.exists())) return next();
      c.header("Cache-Control", "no-cache");
      return c.html(await file.text());
    });
  }
  app.notFound((c) => c.json({ error: { message: "Not found." } }, 404));
  app.onError((error, c) => {
    deps.log.error({ err: error, requestId: c.get("requestId") }, "unhandled error");
    return c.json({ error: { message: "Something went wrong; try again." } }, 500);
  });
  return app;
}

type Asset = { body: Uint8Array<ArrayBuffer>; gzip: Uint8Array<ArrayBuffer> | null; type: string };
const assets = new Map<string, Asset>();
const COMPRESSIBLE = /\.(?:js|mjs|css|map|svg|json|txt|html)$/;

/**
 * The web build's `/assets/*`: content-hashed names, so they are cached for a year and never
 * revalidated; gzip (level 9, done once per file and kept in memory) for clients that accept it.
 * Only plain names in the flat assets folder are served — nothing outside it can be reached.
 */
async function serveAsset(
  root: string,
  path: string,
  acceptEncoding: string | undefined,
  next: () => Promise<void>,
): Promise<Response | undefined> {
  const name = path.slice("/assets/".length);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) return next().then(() => undefined);
  let asset = assets.get(`${root}\0${name}`);
  if (!asset) {
    const file = Bun.file(`${root}/assets/${name}`);
    if (!(await file.exists())) return next().then(() => undefined);
    const body = new Uint8Array(await file.arrayBuffer());
    const gzip =
      COMPRESSIBLE.test(name) && body.length > 1024 ? Bun.gzipSync(body, { level: 9 }) : null;
    asset = { body, gzip, type: file.type };
    assets.set(`${root}\0${name}`, asset);
  }
  const gzip = asset.gzip !== null && /\bgzip\b/.test(acceptEncoding ?? "");
  const headers: Record<string, string> = {
    "content-type": asset.type,
    "cache-control": "public, max-age=31536000, immutable",
    vary: "accept-encoding",
  };
  if (gzip) headers["content-encoding"] = "gzip";
  return new Response(gzip ? asset.gzip : asset.body, { headers });
}
