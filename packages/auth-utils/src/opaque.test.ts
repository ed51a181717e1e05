// Opaque tokens: shape, uniqueness, hashing and constant-time comparison.
import { describe, expect, test } from "bun:test";
import { generateOpaqueToken, hashToken, safeEqual } from "./opaque";

describe("generateOpaqueToken", () => {
  test("is 43 characters of base64url (256 bits, no padding)", () => {
    const token = generateOpaqueToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
  });

  test("never repeats", () => {
    const tokens = new Set(Array.from({ length: 10_000 }, generateOpaqueToken));
    expect(tokens.size).toBe(10_000);
  });
});

describe("hashToken", () => {
  test("is SHA-256 in hex", () => {
    expect(hashToken("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  test("gives 64 hex chars that differ from the token", () => {
    const token = generateOpaqueToken();
    const hash = hashToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(hashToken(token)).toBe(hash);
  });
});

describe("safeEqual", () => {
  test("is true only for identical strings", () => {
    const hash = hashToken("token");
    expect(safeEqual(hash, hashToken("token"))).toBe(true);
    expect(safeEqual(hash, hashToken("other"))).toBe(false);
    expect(safeEqual("", "")).toBe(true);
    expect(safeEqual("é", "é")).toBe(true);
    expect(safeEqual("é", "e")).toBe(false);
  });

  test("is false for different lengths, including a prefix of the other", () => {
    expect(safeEqual("abc", "abcd")).toBe(false);
    expect(safeEqual("abcd", "abc")).toBe(false);
    expect(safeEqual("", "a")).toBe(false);
  });

  test("is false for values that are not strings", () => {
    expect(safeEqual(undefined as unknown as string, "")).toBe(false);
  });
});
