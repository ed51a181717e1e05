// The request context: dependencies, who is calling, and which tenant the request names.

import type {
  AccessDeps,
  Principal,
  TenantAccess,
  TenantHints,
  TenantSummary,
} from "@supportdesk/access";
import type { RateLimiter } from "@supportdesk/cache";
import type { TenantDb } from "@supportdesk/database";
import type { QueueName } from "@supportdesk/queue";
import type { BlobStore } from "@supportdesk/storage";
import type { Queue } from "bullmq";

export type { Principal, TenantHints, TenantSummary };

/** The httpOnly cookie that carries the refresh token to web clients. */
export const REFRESH_COOKIE = "sd_refresh";

/** Settings the procedures need (a slice of the config, so tests can build one by hand). */
export type TrpcSettings = {
  nodeEnv: "development" | "test" | "production";
  platformDomain: string;
  /** Tenants receive mail at `<slug>@<inboundDomain>`. */
  inboundDomain: string;
  /** The largest file an agent may upload to a reply, in bytes. */
  attachmentMaxBytes: number;
  refreshIdleDays: number;
  /** Per minute unless named otherwise; what each counts is in middlewares/rate-limit.ts. */
  rateLimits: {
    /** Requests per tenant, by plan. */
    free: number;
    pro: number;
    enterprise: number;
    /** Sign-in, sign-up and reset attempts per IP (and per email for sign-up and reset). */
    auth: number;
    /** Failed sign-ins for one email from one IP. */
    loginFailuresPerMinute: number;
    /** Failed sign-ins for one email from all IPs, per hour (an IP known to sign in is exempt). */
    loginFailuresPerEmailPerHour: number;
    /** Calls per IP to each public procedure (slug check, invitation preview, verify, refresh). */
    public: number;
    /** Help-centre contact forms and customer replies per IP, per hour. */
    contactPerIpPerHour: number;
    /** The same, per tenant from all IPs, per hour. */
    contactPerTenantPerHour: number;
  };
};

export type TrpcDeps = AccessDeps & {
  rateLimiter: RateLimiter;
  settings: TrpcSettings;
  /** Stored files (raw mail, attachments) and the key that signs their download links. */
  files: { storage: BlobStore; linkKey: Uint8Array };
  /** BullMQ queues, for platform operators' stats (absent where a process runs no queues). */
  queues?: Record<QueueName, Queue>;
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

export type Context = {
  deps: TrpcDeps;
  request: RequestInfo;
  /** Response headers the procedures may set (rate-limit headers, Retry-After). */
  resHeaders: Headers;
};

/**
 * The context once the tenant is resolved and membership checked: the access layer's answer
 * (tenant, actor, role, permissions, `run`), plus the tenant-bound handle.
 */
export type TenantContext = TenantAccess & {
  /** The tenant-bound handle: every query runs inside `withTenant(tenant.id, …)`. */
  db: { transaction<T>(fn: (tx: TenantDb) => Promise<T>): Promise<T> };
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
