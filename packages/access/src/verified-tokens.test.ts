// Remembered verifications: one signature check per token, never past its expiry, never a failure,
// and never across token services (each has its own keys).
import { describe, expect, test } from "bun:test";
import { createTokenService, generateSigningKey, type TokenService } from "@supportdesk/auth-utils";
import { verifyRemembered } from "./verified-tokens";

async function countingService(): Promise<TokenService & { checks: () => number }> {
  const real = await createTokenService({
    keys: [await generateSigningKey()],
    issuer: "supportdesk-test",
    audience: "supportdesk-api",
    ttlSeconds: 900,
  });
  let checks = 0;
  return {
    ...real,
    verifyAccessToken: (token) => {
      checks++;
      return real.verifyAccessToken(token);
    },
    checks: () => checks,
  };
}

describe("verifyRemembered", () => {
  test("checks a token's signature once, then answers from memory until it expires", async () => {
    const tokens = await countingService();
    const { token } = await tokens.signAccessToken({ sub: crypto.randomUUID(), sid: "s" });
    const first = await verifyRemembered(tokens, token);
    expect(await verifyRemembered(tokens, token)).toEqual(first);
    expect(tokens.checks()).toBe(1);
    // Past its expiry the token is checked again (and refused by the service then).
    const later = (first.exp + 3600) * 1000;
    await verifyRemembered(tokens, token, later).catch(() => undefined);
    expect(tokens.checks()).toBe(2);
  });

  test("a refused token is refused every time; another service's token is not vouched for", async () => {
    const tokens = await countingService();
    await expect(verifyRemembered(tokens, "not.a.token")).rejects.toThrow();
    await expect(verifyRemembered(tokens, "not.a.token")).rejects.toThrow();
    expect(tokens.checks()).toBe(2);
    const other = await countingService();
    const { token } = await other.signAccessToken({ sub: crypto.randomUUID(), sid: "s" });
    await verifyRemembered(other, token);
    await expect(verifyRemembered(tokens, token)).rejects.toThrow();
  });
});
