// What the help centre's per-visitor pages share: the request as they see it, and their answers
// (never cached, never indexed).
import type { TenantSummary } from "@supportdesk/access";
import type { TrpcDeps } from "@supportdesk/trpc";
import type { Context } from "hono";

export type FormRequest = {
  deps: TrpcDeps;
  tenant: TenantSummary;
  origin: string;
  base: string;
  /** The custom domain the request came on, else null (as for cached pages). */
  host: string | null;
  ip: string | null;
  secure: boolean;
};

export const PRIVATE = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "x-robots-tag": "noindex",
};

export const page = (body: string, status = 200) =>
  new Response(body, { status, headers: PRIVATE });
export const seeOther = (location: string) =>
  new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });

export const actorOf = (req: FormRequest, c: Context) => ({
  userId: null,
  apiKeyId: null,
  ip: req.ip,
  userAgent: c.req.header("user-agent")?.slice(0, 500) ?? null,
});

/** The HTTP status of each refusal `readForm` reports. */
export const STATUS = { "cross-site": 403, token: 403, "too-large": 413, type: 415 } as const;
