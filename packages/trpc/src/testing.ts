// Test harness: real dependencies on the test database and Redis, and signed-in callers.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTokenService, generateSigningKey, type SigningJwk } from "@supportdesk/auth-utils";
import { createRateLimiter, createRedis } from "@supportdesk/cache";
import { env } from "@supportdesk/config";
import { createDatabase, userTenantRoles } from "@supportdesk/database";
import { slugify } from "@supportdesk/domain";
import { createLogger } from "@supportdesk/logger";
import { createLocalStore } from "@supportdesk/storage";
import type { RequestInfo, TrpcDeps, TrpcSettings } from "./context";
import { createContextInner } from "./context";
import { createCaller } from "./root";
import { lastJobFor } from "./test-outbox";

export { fileFixtures } from "./test-files";
export { lastJobFor, lastRawJobFor } from "./test-outbox";
export { workflowFixtures } from "./test-workflow";

/** Builds deps against the TEST_* services; `close()` releases them. */
export async function createTestDeps(
  settings: Partial<TrpcSettings> = {},
  options: { signingKey?: SigningJwk } = {},
): Promise<TrpcDeps & { close(): Promise<void> }> {
  const config = env();
  const redis = createRedis(config.REDIS_URL, { name: "test" });
  redis.on("error", () => {});
  const db = createDatabase({ url: config.DATABASE_URL, max: 4 });
  return {
    db,
    redis,
    tokens: await createTokenService({
      keys: [options.signingKey ?? (await generateSigningKey())],
      issuer: "supportdesk-test",
      audience: "supportdesk-api",
      ttlSeconds: 900,
    }),
    rateLimiter: createRateLimiter(redis),
    log: createLogger({ name: "test", level: "silent" }),
    files: {
      storage: createLocalStore(mkdtempSync(join(tmpdir(), "sd-test-files-"))),
      linkKey: crypto.getRandomValues(new Uint8Array(32)),
    },
    settings: {
      nodeEnv: "test",
      platformDomain: "supportdesk.test",
      inboundDomain: "mail.supportdesk.test",
      attachmentMaxBytes: 1024 * 1024,
      refreshIdleDays: 30,
      rateLimits: {
        free: 100_000,
        pro: 100_000,
        enterprise: 100_000,
        auth: 100_000,
        loginFailuresPerMinute: 100_000,
        loginFailuresPerEmailPerHour: 100_000,
        public: 100_000,
        contactPerIpPerHour: 100_000,
        contactPerTenantPerHour: 100_000,
      },
      ...settings,
    },
    async close() {
      await db.close();
      redis.disconnect();
    },
  };
}

/** A caller with an optional bearer token and tenant hints. */
export function callerFor(deps: TrpcDeps, request: Partial<RequestInfo> = {}) {
  return createCaller(createContextInner(deps, request));
}

let counter = 0;
/** A fresh, unique email for a test user. */
export const testEmail = (label = "user") =>
  `${label}-${Date.now().toString(36)}-${(counter++).toString(36)}-${crypto.randomUUID().slice(0, 6)}@example.test`;

export const TEST_PASSWORD = "correct horse battery";

/**
 * Signs a user up the way a person does — register, open the verification email's link (which
 * signs them in) — and returns a caller signed in as them, plus ids. With `verified: false` the
 * link is left unused and the user signs in with their password instead. `as(slug)` returns a
 * caller that names the tenant by slug (the `/t/:slug` path).
 */
/** The demo seed's tenants: a test tenant named "Acme" must not take the slug the seed upserts. */
const DEMO_SLUGS = new Set(["acme", "globex", "initech"]);

/** A suffixed slug when the name's would be a demo tenant's (otherwise the server derives it). */
function tenantSlugFor(name: string | undefined): { tenantSlug?: string } {
  const slug = name ? slugify(name) : "";
  return DEMO_SLUGS.has(slug) ? { tenantSlug: `${slug}-${crypto.randomUUID().slice(0, 6)}` } : {};
}

export async function signUp(
  deps: TrpcDeps,
  options: { tenantName?: string; email?: string; name?: string; verified?: boolean } = {},
) {
  const email = options.email ?? testEmail();
  const anonymous = callerFor(deps);
  await anonymous.auth.register({
    email,
    password: TEST_PASSWORD,
    name: options.name ?? "Test User",
    tenantName: options.tenantName,
    ...tenantSlugFor(options.tenantName),
  });
  let result: Awaited<ReturnType<typeof anonymous.auth.login>>;
  if (options.verified === false) {
    result = await anonymous.auth.login({ email, password: TEST_PASSWORD, tokenDelivery: "body" });
  } else {
    const job = await lastJobFor(deps, "email.verify", email);
    if (!job?.token) throw new Error(`signUp: no verification email for ${email} (registered?)`);
    result = await anonymous.auth.verifyEmail({ token: job.token, tokenDelivery: "body" });
  }
  const authorization = `Bearer ${result.accessToken}`;
  return {
    email,
    userId: result.user.id,
    accessToken: result.accessToken,
    refreshToken: result.refreshToken as string,
    tenant: result.tenants[0],
    caller: callerFor(deps, { authorization }),
    as: (slug: string) => callerFor(deps, { authorization, tenantHints: { pathSlug: slug } }),
  };
}

/** A settled promise's outcome as a short string: "ok" or the tRPC error code. */
export const codeOf = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => "ok",
    (error: { code?: string }) => error.code ?? String(error),
  );

/**
 * An owner with a new tenant, and `join(role)` to add another signed-up user to it directly
 * (as an accepted invitation would). `here` callers name the tenant by its path slug.
 */
export async function createTeam(deps: TrpcDeps, tenantName = "Team Co") {
  const owner = await signUp(deps, { tenantName });
  if (!owner.tenant) throw new Error("signUp made no tenant");
  const tenant = owner.tenant;
  const join = async (role: "owner" | "admin" | "member" | "viewer") => {
    const person = await signUp(deps);
    await deps.db.platform
      .insert(userTenantRoles)
      .values({ userId: person.userId, tenantId: tenant.id, role });
    return { ...person, here: person.as(tenant.slug) };
  };
  return { owner: { ...owner, here: owner.as(tenant.slug) }, tenant, join };
}
