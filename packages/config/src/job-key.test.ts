// JOB_ENCRYPTION_KEY: required in production, a fixed local key elsewhere, validated when given.
import { describe, expect, test } from "bun:test";
import { randomBytes } from "node:crypto";
import { ConfigError, loadEnv } from "./index";

const base = { DATABASE_URL: "postgres://x/y", REDIS_URL: "redis://127.0.0.1:6379" };

describe("JOB_ENCRYPTION_KEY", () => {
  test("production refuses to start without one, saying how to make one", () => {
    expect(() => loadEnv({ ...base, NODE_ENV: "production", JOB_ENCRYPTION_KEY: "" })).toThrow(
      /JOB_ENCRYPTION_KEY: is required in production.*openssl rand -base64 32/,
    );
  });

  test("elsewhere an unset key is a fixed one per NODE_ENV, so local processes agree", () => {
    const dev = loadEnv({ ...base, NODE_ENV: "development", JOB_ENCRYPTION_KEY: "" });
    const test = loadEnv({ ...base, NODE_ENV: "test", JOB_ENCRYPTION_KEY: "" });
    expect(Buffer.from(dev.JOB_ENCRYPTION_KEY, "base64")).toHaveLength(32);
    expect(loadEnv({ ...base, NODE_ENV: "test", JOB_ENCRYPTION_KEY: "" }).JOB_ENCRYPTION_KEY).toBe(
      test.JOB_ENCRYPTION_KEY,
    );
    expect(dev.JOB_ENCRYPTION_KEY).not.toBe(test.JOB_ENCRYPTION_KEY);
  });

  test("a given key (or comma-separated keys) is kept; anything but 32 base64 bytes is refused", () => {
    const [a, b] = [randomBytes(32).toString("base64"), randomBytes(32).toString("base64url")];
    const production = { ...base, NODE_ENV: "production" };
    expect(loadEnv({ ...production, JOB_ENCRYPTION_KEY: a }).JOB_ENCRYPTION_KEY).toBe(a);
    expect(loadEnv({ ...production, JOB_ENCRYPTION_KEY: `${a},${b}` }).JOB_ENCRYPTION_KEY).toBe(
      `${a},${b}`,
    );
    for (const bad of ["secret", randomBytes(16).toString("base64"), `${a},nope`]) {
      expect(() => loadEnv({ ...production, JOB_ENCRYPTION_KEY: bad })).toThrow(ConfigError);
    }
  });
});
