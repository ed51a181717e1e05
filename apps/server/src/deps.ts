// Builds the server's dependencies from the config: database, Redis, tokens, rate limiter, logger.
import { hkdfSync } from "node:crypto";
import { join } from "node:path";
import { createTokenService, loadOrCreateDevKeys, parseSigningKeys } from "@supportdesk/auth-utils";
import { createRateLimiter, createRedis } from "@supportdesk/cache";
import { type Env, repoRoot, storageSettings } from "@supportdesk/config";
import { createDatabase } from "@supportdesk/database";
import type { Logger } from "@supportdesk/logger";
import { openQueues } from "@supportdesk/queue";
import { createBlobStore } from "@supportdesk/storage";
import type { TrpcDeps } from "@supportdesk/trpc";

/**
 * Signing keys: AUTH_KEYS when set; otherwise (not in production) a key generated once into the
 * git-ignored `.data/auth-keys.json`, so tokens survive restarts in development.
 */
async function signingKeys(config: Env) {
  if (config.AUTH_KEYS) return parseSigningKeys(config.AUTH_KEYS);
  if (config.NODE_ENV === "production") {
    throw new Error(
      "AUTH_KEYS must be set in production (a JSON array of Ed25519 JWKs; see .env.example).",
    );
  }
  return loadOrCreateDevKeys(join(repoRoot(), ".data", "auth-keys.json"));
}

/**
 * The key that signs download links, derived (HKDF) from the first JOB_ENCRYPTION_KEY: no new
 * secret to manage, and rotating that key also retires every outstanding link.
 */
function fileLinkKey(config: Env): Uint8Array {
  const first = config.JOB_ENCRYPTION_KEY.split(",")[0]?.trim() ?? "";
  return new Uint8Array(
    hkdfSync(
      "sha256",
      Buffer.from(first, "base64"),
      new Uint8Array(),
      "supportdesk file links",
      32,
    ),
  );
}

export async function createDeps(config: Env, log: Logger): Promise<TrpcDeps> {
  const redis = createRedis(config.REDIS_URL, { name: "server" });
  redis.on("error", (error) => log.warn({ err: error.message }, "redis connection error"));
  return {
    db: createDatabase({
      url: config.DATABASE_URL,
      max: config.DATABASE_POOL_MAX,
      connectTimeoutSeconds: config.DATABASE_CONNECT_TIMEOUT_SECONDS,
      statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    }),
    redis,
    tokens: await createTokenService({
      keys: await signingKeys(config),
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
      ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    }),
    rateLimiter: createRateLimiter(redis),
    log,
    files: {
      storage: createBlobStore(storageSettings(config)),
      linkKey: fileLinkKey(config),
    },
    // For queues.stats only: the server never adds jobs to Redis (producers write the outbox).
    queues: openQueues(
      createRedis(config.REDIS_URL, { name: "server:queues", maxRetriesPerRequest: null }),
      config.QUEUE_PREFIX,
      (error) => log.debug({ err: error.message }, "queue connection error"),
    ),
    settings: {
      nodeEnv: config.NODE_ENV,
      platformDomain: config.PLATFORM_DOMAIN,
      inboundDomain: config.INBOUND_EMAIL_DOMAIN,
      attachmentMaxBytes: config.ATTACHMENT_MAX_BYTES,
      refreshIdleDays: config.REFRESH_TOKEN_IDLE_DAYS,
      rateLimits: {
        free: config.RATE_LIMIT_FREE_PER_MINUTE,
        pro: config.RATE_LIMIT_PRO_PER_MINUTE,
        enterprise: config.RATE_LIMIT_ENTERPRISE_PER_MINUTE,
        auth: config.RATE_LIMIT_AUTH_PER_MINUTE,
        loginFailuresPerMinute: config.RATE_LIMIT_LOGIN_FAILURES_PER_MINUTE,
        loginFailuresPerEmailPerHour: config.RATE_LIMIT_LOGIN_FAILURES_PER_EMAIL_PER_HOUR,
        public: config.RATE_LIMIT_PUBLIC_PER_MINUTE,
        contactPerIpPerHour: config.RATE_LIMIT_CONTACT_PER_IP_PER_HOUR,
        contactPerTenantPerHour: config.RATE_LIMIT_CONTACT_PER_TENANT_PER_HOUR,
      },
    },
  };
}
