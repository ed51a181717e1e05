// The request context: dependencies, who is calling, and which tenant the request names.
import type { TokenService } from "@supportdesk/auth-utils";
import type { RateLimiter, Redis } from "@supportdesk/cache";
import type { Database, TenantDb, TenantRole } from "@supportdesk/database";
import type { Logger } from "@supportdesk/logger";
import type { QueueName } from "@supportdesk/queue";
import type { Actor, TenantScope } from "@supportdesk/services";
import type { Queue } from "bullmq";

/** The httpOnly cookie that carries the refresh token to web clients. */
export const REFRESH_COOKIE = "sd_refresh";

/** Settings the procedures need (a slice of the config, so tests can build one by hand). */
export type TrpcSettings = {
  nodeEnv: "development" | "test" | "production";
  platformDomain: string;
  refreshIdleDays: number;
  rateLimits: { free: number; pro: number; enterprise: number; auth: number };
};

export type TrpcDeps = {
  db: Database;
  redis: Redis;
  tokens: TokenService;
  rateLimiter: RateLimiter;
  log: Logger;
  settings: TrpcSettings;
  /** BullMQ queues, for platform operators' stats (absent where a process runs no queues). */
  queues?: Record<QueueName, Queue>;
};

/**
 * What the request says about its tenant; each only *names* one (membership is checked).
 * In order of precedence after an API key: path, headers, host, session default, dev hint.
 */
export type TenantHints = {
  pathSlug?: string | undefined;
  headerId?: string | undefined;
  headerSlug?: string | undefined;
  host?: string | undefined;
  /** `?tenant=` or the `tenant` cookie; honoured only in development. */
  dev?: string | undefined;
};

export type RequestInfo = {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  authorization: string | null;
  /** The refresh token from the httpOnly cookie (web clients). */
  refreshCookie: string | null;
  /** Whether the request came over HTTPS (cookies are then `Secure`). */
  secure: boolean;
  tenantHints: TenantHints;
  /**
   * Filled in as the request is understood (user, tenant), for the server's access log: every
   * request line carries the tenant and user it acted for.
   */
  logFields: { userId?: string; apiKeyId?: string; tenantId?: string };
};

export type TenantSummary = {
  id: string;
  slug: string;
  name: string;
  plan: "free" | "pro" | "enterprise";
  status: "active" | "suspended" | "trial";
};

/** The caller once authenticated: a signed-in user (with a session) or an API key. */
export type Principal =
  | { type: "user"; userId: string; sessionId: string }
  | { type: "apiKey"; apiKeyId: string; tenantId: string; role: TenantRole };

export type Context = {
  deps: TrpcDeps;
  request: RequestInfo;
  /** Response headers the procedures may set (rate-limit headers, Retry-After). */
  resHeaders: Headers;
};

/** The context once the tenant is resolved and membership checked. */
export type TenantContext = {
  tenant: TenantSummary;
  role: TenantRole;
  actor: Actor;
  /** The tenant-bound handle: every query runs inside `withTenant(tenant.id, …)`. */
  db: { transaction<T>(fn: (tx: TenantDb) => Promise<T>): Promise<T> };
  /** Runs a service in one tenant transaction. */
  run<T>(fn: (scope: TenantScope) => Promise<T>): Promise<T>;
};

/**
 * Builds a context without HTTP: tests call routers through `createCaller(createContextInner(…))`.
 *
 * @example
 * const caller = appRouter.createCaller(createContextInner(deps, { authorization: `Bearer ${token}` }));
 */
export function createContextInner(
  deps: TrpcDeps,
  request: Partial<RequestInfo> = {},
  resHeaders: Headers = new Headers(),
): Context {
  return {
    deps,
    request: {
      requestId: request.requestId ?? crypto.randomUUID(),
      ip: request.ip ?? null,
      userAgent: request.userAgent ?? null,
      authorization: request.authorization ?? null,
      refreshCookie: request.refreshCookie ?? null,
      secure: request.secure ?? false,
      tenantHints: request.tenantHints ?? {},
      logFields: request.logFields ?? {},
    },
    resHeaders,
  };
}

/**
 * The context of an HTTP request (the server's fetch handler): reads the bearer token, the
 * tenant hints and the client's address. `clientIp` is decided by the server (proxy-aware).
 */
export function createContext(
  deps: TrpcDeps,
  opts: {
    req: Request;
    resHeaders: Headers;
    requestId: string;
    clientIp: string | null;
    /** HTTPS as the client sees it (the server knows about proxies); cookies get `Secure`. */
    secure: boolean;
    pathSlug?: string | undefined;
    /** Shared with the caller (the access log), which reads it after the response. */
    logFields?: RequestInfo["logFields"];
  },
): Context {
  const { req } = opts;
  const url = new URL(req.url);
  const cookies = req.headers.get("cookie") ?? "";
  const cookie = (name: string) => new RegExp(`(?:^|;\\s*)${name}=([^;]+)`).exec(cookies)?.[1];
  const devHint = url.searchParams.get("tenant") ?? cookie("tenant");
  return createContextInner(
    deps,
    {
      requestId: opts.requestId,
      ip: opts.clientIp,
      userAgent: req.headers.get("user-agent")?.slice(0, 500) ?? null,
      authorization: req.headers.get("authorization"),
      refreshCookie: cookie(REFRESH_COOKIE) ?? null,
      secure: opts.secure,
      logFields: opts.logFields ?? {},
      tenantHints: {
        pathSlug: opts.pathSlug,
        headerId: req.headers.get("x-tenant-id") ?? undefined,
        headerSlug: req.headers.get("x-tenant-slug") ?? undefined,
        host: (req.headers.get("host") ?? url.host).toLowerCase(),
        dev: devHint ?? undefined,
      },
    },
    opts.resHeaders,
  );
}
