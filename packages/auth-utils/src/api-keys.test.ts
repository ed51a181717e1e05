// API keys: format, parse round trip, and rejection of anything malformed.
import { describe, expect, test } from "bun:test";
import { generateApiKey, parseApiKey } from "./api-keys";
import { hashToken } from "./opaque";

describe("generateApiKey", () => {
  test("makes sdk_<8 lowercase alphanumerics>_<43 alphanumerics>", () => {
    const { key, prefix, hash } = generateApiKey();
    expect(key).toMatch(/^sdk_[a-z0-9]{8}_[A-Za-z0-9]{43}$/);
    expect(key.startsWith(`sdk_${prefix}_`)).toBe(true);
    expect(hash).toBe(hashToken(key));
    expect(hash).not.toContain(key.slice(13));
  });

  test("never repeats a key and rarely a prefix", () => {
    const generated = Array.from({ length: 2_000 }, generateApiKey);
    expect(new Set(generated.map((k) => k.key)).size).toBe(2_000);
    expect(new Set(generated.map((k) => k.prefix)).size).toBe(2_000);
  });

  test("draws secrets from the whole alphabet", () => {
    const seen = new Set(
      Array.from({ length: 200 }, () => generateApiKey().key.slice(13)).join(""),
    );
    expect(seen.size).toBe(62);
  });
});

describe("parseApiKey", () => {
  test("returns the prefix and the hash of a generated key", () => {
    const { key, prefix, hash } = generateApiKey();
    expect(parseApiKey(key)).toEqual({ prefix, hash });
  });

  test("accepts a 32-character secret", () => {
    const key = `sdk_abcd1234_${"A".repeat(32)}`;
    expect(parseApiKey(key)).toEqual({ prefix: "abcd1234", hash: hashToken(key) });
  });

  test("returns null for anything that is not a well-formed key", () => {
    const { key } = generateApiKey();
    const secret = key.slice(13);
    const garbage = [
      "",
      "sdk_",
      "sdk__",
      "garbage",
      `sk_abcd1234_${secret}`,
      `SDK_abcd1234_${secret}`,
      `pk_abcd1234_${secret}`,
      `abcd1234_${secret}`,
      `sdk_abcd123_${secret}`,
      `sdk_abcd12345_${secret}`,
      `sdk_ABCD1234_${secret}`,
      `sdk_abcd1234_${"A".repeat(31)}`,
      `sdk_abcd1234_${"A".repeat(129)}`,
      `sdk_abcd1234_${secret.slice(0, 20)}_${secret.slice(20)}`,
      `sdk_abcd1234__${secret}`,
      `sdk__abcd1234_${secret}`,
      `sdk_abcd_1234_${secret}`,
      `sdk_abcd1234_${secret}_`,
      `sdk_abcd1234_${secret.slice(0, 40)}é12`,
      `sdk_abcd1234_${secret.slice(0, 40)}🔑`,
      `sdk_abcdé234_${secret}`,
      `sdk_abcd1234_${secret.slice(0, 40)}-12`,
      ` ${key}`,
      `${key} `,
      `${key}\n`,
      `Bearer ${key}`,
    ];
    for (const candidate of garbage) {
      expect(parseApiKey(candidate)).toBeNull();
    }
  });

  test("returns null instead of throwing for values that are not strings", () => {
    for (const value of [undefined, null, 42, {}, ["sdk_abcd1234_x"]]) {
      expect(parseApiKey(value as unknown as string)).toBeNull();
    }
  });
});
