// What the access layer needs and what it answers: dependencies, principals, tenants, scopes.
import type { TokenService } from "@supportdesk/auth-utils";
import type { Redis } from "@supportdesk/cache";
import type { Database, TenantRole } from "@supportdesk/database";
import type { TenantPlan } from "@supportdesk/domain";
import type { Logger } from "@supportdesk/logger";
import type { Actor, Grant, TenantScope } from "@supportdesk/services";

/** The slice of the process's dependencies that deciding "who, where, may they" needs. */
export type AccessDeps = {
  db: Database;
  redis: Redis;
  tokens: TokenService;
  log: Logger;
  settings: {
    nodeEnv: "development" | "test" | "production";
    /** `example.com` or `localhost:3000`: tenants live at `{slug}.{platformDomain}`. */
    platformDomain: string;
  };
};

/** The caller once authenticated: a signed-in user (with a session) or an API key. */
export type Principal =
  | { type: "user"; userId: string; sessionId: string }
  | {
      type: "apiKey";
      apiKeyId: string;
      tenantId: string;
      role: TenantRole;
      customRoleId: string | null;
    };

/**
 * What a request says about its tenant; each only *names* one (membership is checked).
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

export type TenantSummary = {
  id: string;
  slug: string;
  name: string;
  plan: TenantPlan;
  status: "active" | "suspended" | "trial";
};

/** Where the request came from, for the audit trail. */
export type Origin = { ip: string | null; userAgent: string | null };

/**
 * A request's access, decided: the tenant, the actor and their grant, and `run`, which opens a
 * tenant transaction and hands services the scope they check permissions against.
 */
export type TenantAccess = Grant & {
  tenant: TenantSummary;
  actor: Actor;
  run<T>(fn: (scope: TenantScope) => Promise<T>): Promise<T>;
};
