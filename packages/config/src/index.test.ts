// Config precedence: variables set explicitly win over the root `.env`, which wins over the
// `.data/services.env` fallback that `bun run services:up` writes.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadEnv, testEnvironment } from "./index";

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A repository root of our own holding the given `.env` and `.data/services.env` (when given). */
function rootWith(files: { dotEnv?: string; servicesEnv?: string }): { root: string } {
  const root = mkdtempSync(join(tmpdir(), "supportdesk-config-"));
  roots.push(root);
  if (files.dotEnv !== undefined) writeFileSync(join(root, ".env"), files.dotEnv);
  if (files.servicesEnv !== undefined) {
    mkdirSync(join(root, ".data"));
    writeFileSync(join(root, ".data", "services.env"), files.servicesEnv);
  }
  return { root };
}

const services = [
  "DATABASE_URL=postgres://services@127.0.0.1:5432/supportdesk",
  "REDIS_URL=redis://127.0.0.1:6379/0",
  "PORT=3001",
  "TEST_DATABASE_URL=postgres://services@127.0.0.1:5432/supportdesk_test",
  "TEST_DATABASE_ADMIN_URL=postgres://owner@127.0.0.1:5432/supportdesk_test",
  "TEST_REDIS_URL=redis://127.0.0.1:6379/1",
].join("\n");
const dotEnv = ["DATABASE_URL=postgres://dotenv@db.internal:5432/app", "PORT=3002"].join("\n");

describe("loadEnv precedence", () => {
  test(".data/services.env alone supplies the variables when nothing else sets them", () => {
    const config = loadEnv({}, rootWith({ servicesEnv: services }));
    expect(config.DATABASE_URL).toBe("postgres://services@127.0.0.1:5432/supportdesk");
    expect(config.REDIS_URL).toBe("redis://127.0.0.1:6379/0");
    expect(config.PORT).toBe(3001);
  });

  test(".env wins over .data/services.env, variable by variable", () => {
    const config = loadEnv({}, rootWith({ dotEnv, servicesEnv: services }));
    expect(config.DATABASE_URL).toBe("postgres://dotenv@db.internal:5432/app");
    expect(config.PORT).toBe(3002);
    // Not in .env: still the services file's.
    expect(config.REDIS_URL).toBe("redis://127.0.0.1:6379/0");
  });

  test("a variable set explicitly wins over .env and .data/services.env", () => {
    const config = loadEnv(
      { DATABASE_URL: "postgres://explicit@10.0.0.5:5432/prod", PORT: "8080" },
      rootWith({ dotEnv, servicesEnv: services }),
    );
    expect(config.DATABASE_URL).toBe("postgres://explicit@10.0.0.5:5432/prod");
    expect(config.PORT).toBe(8080);
    expect(config.REDIS_URL).toBe("redis://127.0.0.1:6379/0");
  });

  test("a variable set to the empty string counts as unset: the files' value stays", () => {
    const config = loadEnv(
      { DATABASE_URL: "", PORT: "" },
      rootWith({ dotEnv, servicesEnv: services }),
    );
    expect(config.DATABASE_URL).toBe("postgres://dotenv@db.internal:5432/app");
    expect(config.PORT).toBe(3002);
  });

  test("without either file the explicit variables and the defaults are all there is", () => {
    const config = loadEnv(
      { DATABASE_URL: "postgres://a@127.0.0.1/x", REDIS_URL: "redis://127.0.0.1:6380" },
      rootWith({}),
    );
    expect(config.DATABASE_URL).toBe("postgres://a@127.0.0.1/x");
    expect(config.PORT).toBe(3000);
    expect(config.NODE_ENV).toBe("development");
  });

  test("a bad value from any layer is a ConfigError naming the variable and what it must be", () => {
    const bad = rootWith({ dotEnv: "REDIS_URL=http://127.0.0.1:6379", servicesEnv: services });
    expect(() => loadEnv({}, bad)).toThrow(ConfigError);
    expect(() => loadEnv({}, bad)).toThrow(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => loadEnv({}, rootWith({}))).toThrow(/DATABASE_URL/);
  });
});

describe("testEnvironment", () => {
  test("maps TEST_* to the plain names from the same layers, explicit variables winning", () => {
    const vars = testEnvironment(
      { TEST_REDIS_URL: "redis://127.0.0.1:6390/3" },
      rootWith({ servicesEnv: services }),
    );
    expect(vars).toEqual({
      NODE_ENV: "test",
      DATABASE_URL: "postgres://services@127.0.0.1:5432/supportdesk_test",
      DATABASE_ADMIN_URL: "postgres://owner@127.0.0.1:5432/supportdesk_test",
      REDIS_URL: "redis://127.0.0.1:6390/3",
    });
  });

  test("never falls back to the dev variables: a missing TEST_* is a ConfigError naming it", () => {
    const devOnly = rootWith({ dotEnv: "DATABASE_URL=postgres://dev@127.0.0.1/supportdesk" });
    expect(() => testEnvironment({}, devOnly)).toThrow(ConfigError);
    expect(() => testEnvironment({}, devOnly)).toThrow(/TEST_DATABASE_URL is not set/);
  });
});
