// Environment for every app and package: read and validated once, typed, never `process.env` elsewhere.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "dotenv";
import { z } from "zod";

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL");
const redisUrl = z.string().regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL");

/** Every variable the platform reads; `.env.example` documents each one. */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: postgresUrl,
  DATABASE_ADMIN_URL: postgresUrl.optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  // Bounds on how long a request can wait on PostgreSQL, so an outage is a quick 503.
  DATABASE_CONNECT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(5),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(600_000)
    .default(10_000),
  REDIS_URL: redisUrl,
  PLATFORM_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+(:\d+)?$/, "must be a host name such as supportdesk.localhost")
    .default("supportdesk.localhost"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SERVER_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  APP_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000"),
  CORS_ORIGINS: z
    .string()
    .default("http://localhost:3000,http://localhost:5173")
    .transform((v) =>
      v
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  TRUST_PROXY: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  AUTH_ISSUER: z.string().min(1).default("supportdesk"),
  AUTH_AUDIENCE: z.string().min(1).default("supportdesk-api"),
  AUTH_KEYS: z.string().optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  REFRESH_TOKEN_IDLE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  RATE_LIMIT_FREE_PER_MINUTE: z.coerce.number().int().min(1).default(100),
  RATE_LIMIT_PRO_PER_MINUTE: z.coerce.number().int().min(1).default(1000),
  RATE_LIMIT_ENTERPRISE_PER_MINUTE: z.coerce.number().int().min(1).default(10000),
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_LOGIN_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_LOGIN_FAILURES_PER_EMAIL_PER_HOUR: z.coerce.number().int().min(1).default(100),
  RATE_LIMIT_PUBLIC_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  RATE_LIMIT_CONTACT_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_CONTACT_PER_TENANT_PER_HOUR: z.coerce.number().int().min(1).default(600),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .default("smtp://127.0.0.1:1025"),
  EMAIL_FROM: z.string().min(3).default("SupportDesk <no-reply@supportdesk.localhost>"),
  MAIL_CAPTURE_WEB_PORT: z.coerce.number().int().min(1).max(65535).default(1080),
  WORKER_EMAIL_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(20),
  WORKER_NOTIFICATION_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  WORKER_INBOUND_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(8),
  WORKER_AUTOMATION_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  /** How often each tenant's service-level sweep (SLA alerts, time-based rules) runs. */
  SERVICE_LEVEL_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /**
   * The relay leaves outbox rows recorded before this instant alone: test stacks sharing one
   * database each relay only their own jobs. Unset in any real deployment.
   */
  OUTBOX_RELAY_SINCE: z.iso.datetime({ offset: true }).optional(),
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, "must be lowercase letters, digits and hyphens")
    .default("bull"),
  JOB_ENCRYPTION_KEY: z
    .string()
    .refine((v) => v.split(",").every((key) => isKey(key.trim())), {
      error: "must be base64 of 32 random bytes (comma-separated to rotate; the first encrypts)",
    })
    .optional(),
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  // Inbound email: every tenant receives at <slug>@INBOUND_EMAIL_DOMAIN (and <slug>+<code>@… per
  // ticket); the worker runs the SMTP receiver.
  INBOUND_EMAIL_DOMAIN: z
    .string()
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, "must be a domain such as mail.supportdesk.localhost")
    .default("mail.supportdesk.localhost"),
  INBOUND_SMTP_ENABLED: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  INBOUND_SMTP_HOST: z.string().min(1).default("127.0.0.1"),
  INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  INBOUND_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(200 * 1024 * 1024)
    .default(25 * 1024 * 1024),
  // An email provider's inbound webhook (POST /inbound/email, raw MIME signed with this secret);
  // unset: the route answers 404.
  INBOUND_WEBHOOK_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  // The largest file an agent may attach to a reply (bytes); a message holds at most 25 MB.
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(25 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  // Where raw mail and attachments are kept: a local directory, or an S3-compatible bucket.
  STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
  STORAGE_DIR: z.string().min(1).default(".data/storage"),
  S3_BUCKET: z.string().min(3).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
});

/** A 256-bit key written in base64 (or base64url). */
function isKey(value: string): boolean {
  return /^[A-Za-z0-9+/_-]{43}=?$/.test(value) && Buffer.from(value, "base64").length === 32;
}

/**
 * Outside production a missing JOB_ENCRYPTION_KEY is a fixed key derived from NODE_ENV: public,
 * so only good for data that never leaves the machine, but the same in every local process (the
 * server seals, the worker opens). Production refuses to start without a key of its own.
 */
function withJobKey(parsed: z.infer<typeof envSchema>): Env {
  const key = parsed.JOB_ENCRYPTION_KEY;
  if (key) return { ...parsed, JOB_ENCRYPTION_KEY: key };
  if (parsed.NODE_ENV === "production") {
    throw new ConfigError(
      "Invalid environment:\n  JOB_ENCRYPTION_KEY: is required in production (base64 of 32 random bytes: `openssl rand -base64 32`; see .env.example).",
    );
  }
  const seed = `supportdesk ${parsed.NODE_ENV} job encryption key (public; never for production)`;
  return {
    ...parsed,
    JOB_ENCRYPTION_KEY: createHash("sha256").update(seed).digest("base64"),
  };
}

export type Env = Omit<z.infer<typeof envSchema>, "JOB_ENCRYPTION_KEY"> & {
  /** One or more base64 keys, comma-separated; the first seals, every one opens. */
  JOB_ENCRYPTION_KEY: string;
};

/** Thrown when the environment is invalid; the message names every bad variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** The repository root: the nearest folder above this file holding `bun.lock`. */
export function repoRoot(from: string = import.meta.dir): string {
  let dir = from;
  while (!existsSync(join(dir, "bun.lock"))) {
    const up = dirname(dir);
    if (up === dir) return from;
    dir = up;
  }
  return dir;
}

function readEnvFile(path: string): Record<string, string> {
  return existsSync(path) ? parse(readFileSync(path)) : {};
}

/** Where the env files are read from; tests point `root` at a folder of their own. */
export type EnvFiles = { root?: string };

/** Variables from the files, explicit variables (non-empty) winning. */
function layered(
  source: Record<string, string | undefined>,
  { root = repoRoot() }: EnvFiles = {},
): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = {
    ...readEnvFile(join(root, ".data", "services.env")),
    ...readEnvFile(join(root, ".env")),
  };
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && value !== "") merged[key] = value;
  }
  return merged;
}

/**
 * Parses an environment: explicit variables win, then the root `.env`, then the
 * `.data/services.env` that `bun run services:up` writes for the embedded local services.
 *
 * @example
 * const env = loadEnv({ DATABASE_URL: "postgres://…", REDIS_URL: "redis://127.0.0.1:6379" });
 */
export function loadEnv(
  source: Record<string, string | undefined> = process.env,
  files: EnvFiles = {},
): Env {
  const result = envSchema.safeParse(layered(source, files));
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(
      `Invalid environment:\n${lines.join("\n")}\nSet these variables (see .env.example) or run \`bun run services:up\` for local defaults.`,
    );
  }
  return withJobKey(result.data);
}

let cached: Env | undefined;

/** The process's environment, parsed on first use. */
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/**
 * The variables a test run uses: `TEST_DATABASE_URL`, `TEST_DATABASE_ADMIN_URL` and
 * `TEST_REDIS_URL` become the plain names, so no test can reach the dev database by mistake.
 *
 * @throws ConfigError when a TEST_* variable is missing (run `bun run services:up`).
 */
export function testEnvironment(
  source: Record<string, string | undefined> = process.env,
  files: EnvFiles = {},
): Record<string, string> {
  const vars = layered(source, files);
  const pick = (name: string): string => {
    const value = vars[`TEST_${name}`];
    if (!value) {
      throw new ConfigError(
        `TEST_${name} is not set: run \`bun run services:up\` (it writes .data/services.env) or set it yourself.`,
      );
    }
    return value;
  };
  return {
    NODE_ENV: "test",
    DATABASE_URL: pick("DATABASE_URL"),
    DATABASE_ADMIN_URL: pick("DATABASE_ADMIN_URL"),
    REDIS_URL: pick("REDIS_URL"),
  };
}

/** Where raw mail and attachments are kept, as `@supportdesk/storage`'s `createBlobStore` takes it. */
export type StorageSettings =
  | { driver: "local"; dir: string }
  | {
      driver: "s3";
      bucket: string;
      region: string;
      endpoint: string | undefined;
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
    };

/**
 * The storage settings of `config`: a local directory (relative paths from the repository root),
 * or an S3 bucket.
 *
 * @throws ConfigError when STORAGE_DRIVER is s3 without S3_BUCKET, or with only one of the keys
 */
export function storageSettings(config: Env): StorageSettings {
  if (config.STORAGE_DRIVER === "local") {
    const dir = config.STORAGE_DIR;
    return { driver: "local", dir: dir.startsWith("/") ? dir : join(repoRoot(), dir) };
  }
  if (!config.S3_BUCKET) {
    throw new ConfigError("Invalid environment:\n  S3_BUCKET: is required when STORAGE_DRIVER=s3.");
  }
  const id = config.S3_ACCESS_KEY_ID;
  const secret = config.S3_SECRET_ACCESS_KEY;
  if (Boolean(id) !== Boolean(secret)) {
    throw new ConfigError(
      "Invalid environment:\n  S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: set both, or neither (the AWS SDK's default chain).",
    );
  }
  return {
    driver: "s3",
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    credentials: id && secret ? { accessKeyId: id, secretAccessKey: secret } : undefined,
  };
}
