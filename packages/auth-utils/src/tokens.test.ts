// Access tokens: round trip, every forgery we know of, key rotation, JWKS and key loading.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  generateKeyPair,
  importJWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from "jose";
import {
  createTokenService,
  generateSigningKey,
  loadOrCreateDevKeys,
  parseSigningKeys,
  type SigningJwk,
  TokenConfigError,
  TokenError,
  type TokenService,
} from "./tokens";

const ISSUER = "https://supportdesk.test";
const AUDIENCE = "supportdesk-api";
const TTL = 900;

let current: SigningJwk;
let previous: SigningJwk;
let stranger: SigningJwk;
let service: TokenService;

beforeAll(async () => {
  [current, previous, stranger] = await Promise.all([
    generateSigningKey(),
    generateSigningKey(),
    generateSigningKey(),
  ]);
  service = await serviceWith([current]);
});

function serviceWith(keys: SigningJwk[]): Promise<TokenService> {
  return createTokenService({ keys, issuer: ISSUER, audience: AUDIENCE, ttlSeconds: TTL });
}

const now = () => Math.floor(Date.now() / 1000);

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function validPayload(overrides: Partial<JWTPayload> = {}): JWTPayload {
  return {
    sub: "user-1",
    sid: "session-1",
    iss: ISSUER,
    aud: AUDIENCE,
    iat: now(),
    exp: now() + 60,
    jti: "jti-1",
    ...overrides,
  };
}

/** Signs any header and payload with `key` (default: the service's signing key), bypassing it. */
async function forge(options: {
  header?: Record<string, unknown>;
  payload?: JWTPayload;
  key?: SigningJwk;
}): Promise<string> {
  const key = options.key ?? current;
  const privateKey = await importJWK({ kty: "OKP", crv: "Ed25519", x: key.x, d: key.d }, "EdDSA");
  return new SignJWT(options.payload ?? validPayload())
    .setProtectedHeader({ alg: "EdDSA", typ: "at+jwt", kid: key.kid, ...options.header })
    .sign(privateKey);
}

async function rejection(token: string, verifier: TokenService = service): Promise<TokenError> {
  try {
    await verifier.verifyAccessToken(token);
  } catch (error) {
    expect(error).toBeInstanceOf(TokenError);
    return error as TokenError;
  }
  throw new Error("the token was accepted");
}

async function expectInvalid(token: string, verifier?: TokenService): Promise<void> {
  const error = await rejection(token, verifier);
  expect(error.code).toBe("TOKEN_INVALID");
  expect(error.message).toBe("The access token is invalid.");
}

describe("signAccessToken and verifyAccessToken", () => {
  test("round trip returns the claims with exp, iat and jti", async () => {
    const before = now();
    const { token, expiresAt } = await service.signAccessToken({ sub: "user-1", sid: "sess-1" });
    const verified = await service.verifyAccessToken(token);
    expect(verified.sub).toBe("user-1");
    expect(verified.sid).toBe("sess-1");
    expect(verified.jti).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(verified.iat).toBeGreaterThanOrEqual(before);
    expect(verified.exp).toBe(verified.iat + TTL);
    expect(expiresAt.getTime()).toBe(verified.exp * 1000);
  });

  test("header names EdDSA, at+jwt and the first key's kid", async () => {
    const { token } = await service.signAccessToken({ sub: "u", sid: "s" });
    expect(decodeProtectedHeader(token)).toEqual({ alg: "EdDSA", typ: "at+jwt", kid: current.kid });
  });

  test("carries only sub, sid and registered claims — no role, no tenant", async () => {
    const { token } = await service.signAccessToken({ sub: "u", sid: "s" });
    expect(Object.keys(decodeJwt(token)).sort()).toEqual(
      ["aud", "exp", "iat", "iss", "jti", "sid", "sub"].sort(),
    );
  });

  test("every token gets its own jti", async () => {
    const a = await service.signAccessToken({ sub: "u", sid: "s" });
    const b = await service.signAccessToken({ sub: "u", sid: "s" });
    expect(decodeJwt(a.token).jti).not.toBe(decodeJwt(b.token).jti);
  });

  test("refuses to sign without sub or sid", async () => {
    await expect(service.signAccessToken({ sub: "", sid: "s" })).rejects.toThrow(TypeError);
    await expect(service.signAccessToken({ sub: "u", sid: "" })).rejects.toThrow(TypeError);
  });

  test("a token forged through the same code path but by hand verifies (the helpers are sound)", async () => {
    expect((await service.verifyAccessToken(await forge({}))).sub).toBe("user-1");
  });
});

describe("verifyAccessToken rejects", () => {
  test('alg "none" (unsecured JWT)', async () => {
    const header = { alg: "none", typ: "at+jwt", kid: current.kid };
    await expectInvalid(`${b64(header)}.${b64(validPayload())}.`);
    await expectInvalid(`${b64({ ...header, alg: "None" })}.${b64(validPayload())}.`);
  });

  test("HS256 signed with the public key as the HMAC secret", async () => {
    const secrets = [
      new TextEncoder().encode(current.x),
      Buffer.from(current.x, "base64url"),
      new TextEncoder().encode(JSON.stringify(service.jwks().keys[0])),
    ];
    for (const secret of secrets) {
      const token = await new SignJWT(validPayload())
        .setProtectedHeader({ alg: "HS256", typ: "at+jwt", kid: current.kid })
        .sign(secret);
      await expectInvalid(token);
    }
  });

  test("another algorithm with another key (ES256, RS256) under our kid", async () => {
    for (const alg of ["ES256", "RS256"] as const) {
      const { privateKey } = await generateKeyPair(alg);
      const token = await new SignJWT(validPayload())
        .setProtectedHeader({ alg, typ: "at+jwt", kid: current.kid })
        .sign(privateKey);
      await expectInvalid(token);
    }
  });

  test("an Ed25519 signature by a key that only claims our kid", async () => {
    await expectInvalid(await forge({ key: { ...stranger, kid: current.kid } }));
  });

  test("a fully-specified Ed25519 alg instead of EdDSA", async () => {
    await expectInvalid(await forge({ header: { alg: "Ed25519" } }));
  });

  test("wrong audience", async () => {
    await expectInvalid(await forge({ payload: validPayload({ aud: "another-api" }) }));
    await expectInvalid(await forge({ payload: validPayload({ aud: undefined }) }));
  });

  test("wrong issuer", async () => {
    await expectInvalid(await forge({ payload: validPayload({ iss: "https://evil.test" }) }));
    await expectInvalid(await forge({ payload: validPayload({ iss: undefined }) }));
  });

  test("wrong or missing typ (e.g. an ID token or a plain JWT)", async () => {
    await expectInvalid(await forge({ header: { typ: "JWT" } }));
    await expectInvalid(await forge({ header: { typ: "id_token+jwt" } }));
    await expectInvalid(await forge({ header: { typ: undefined } }));
  });

  test("a tampered payload", async () => {
    const { token } = await service.signAccessToken({ sub: "user-1", sid: "s" });
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString());
    const tampered = b64({ ...claims, sub: "admin" });
    await expectInvalid(`${header}.${tampered}.${signature}`);
    const extended = b64({ ...claims, exp: claims.exp + 86_400 });
    await expectInvalid(`${header}.${extended}.${signature}`);
  });

  test("a tampered header or signature", async () => {
    const { token } = await service.signAccessToken({ sub: "user-1", sid: "s" });
    const [header, payload, signature = ""] = token.split(".");
    const otherHeader = b64({ alg: "EdDSA", typ: "at+jwt", kid: current.kid, x: 1 });
    await expectInvalid(`${otherHeader}.${payload}.${signature}`);
    const flipped = Buffer.from(signature, "base64url");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    await expectInvalid(`${header}.${payload}.${flipped.toString("base64url")}`);
    await expectInvalid(`${header}.${payload}.`);
  });

  test("an expired token, as TOKEN_EXPIRED", async () => {
    const token = await forge({ payload: validPayload({ iat: now() - 1000, exp: now() - 60 }) });
    const error = await rejection(token);
    expect(error.code).toBe("TOKEN_EXPIRED");
    expect(error.message).toBe("The access token has expired.");
  });

  test("but allows a few seconds of clock skew", async () => {
    const token = await forge({ payload: validPayload({ exp: now() - 2 }) });
    expect((await service.verifyAccessToken(token)).sub).toBe("user-1");
  });

  test("an expired token that is also forged, as TOKEN_INVALID (expiry is checked last)", async () => {
    const payload = validPayload({ exp: now() - 60 });
    await expectInvalid(await forge({ key: { ...stranger, kid: current.kid }, payload }));
  });

  test("missing or non-string sub and sid, and missing jti, iat or exp", async () => {
    const bad: JWTPayload[] = [
      validPayload({ sub: undefined }),
      validPayload({ sub: "" }),
      validPayload({ sid: undefined }),
      validPayload({ sid: 42 }),
      validPayload({ sid: "" }),
      validPayload({ sid: { id: "s" } }),
      validPayload({ jti: undefined }),
      validPayload({ iat: undefined }),
      validPayload({ exp: undefined }),
    ];
    for (const payload of bad) {
      await expectInvalid(await forge({ payload }));
    }
  });

  test("an unknown or missing kid", async () => {
    await expectInvalid(await forge({ header: { kid: "no-such-key" } }));
    await expectInvalid(await forge({ header: { kid: undefined } }));
    await expectInvalid(await forge({ header: { kid: "__proto__" } }));
    await expectInvalid(await forge({ key: stranger }));
  });

  test("garbage", async () => {
    for (const token of ["", "abc", "a.b.c", "..", `${b64({ alg: "EdDSA" })}..`]) {
      await expectInvalid(token);
    }
    await expectInvalid(undefined as unknown as string);
  });

  test("without repeating jose's messages", async () => {
    const error = await rejection(await forge({ key: { ...stranger, kid: current.kid } }));
    expect(error.message).not.toMatch(/signature|JWS|JWT|claim|jose/i);
    expect(error.cause).toBeUndefined();
  });
});

describe("key rotation", () => {
  test("a token signed by the old key verifies while the old key is second", async () => {
    const before = await serviceWith([previous]);
    const { token } = await before.signAccessToken({ sub: "u", sid: "s" });

    const rotated = await serviceWith([current, previous]);
    expect((await rotated.verifyAccessToken(token)).sub).toBe("u");

    const fresh = await rotated.signAccessToken({ sub: "u", sid: "s" });
    expect(decodeProtectedHeader(fresh.token).kid).toBe(current.kid);
    expect((await before.verifyAccessToken(fresh.token).catch((e) => e)).code).toBe(
      "TOKEN_INVALID",
    );
  });

  test("a token signed by a key no longer in the list fails", async () => {
    const before = await serviceWith([previous]);
    const { token } = await before.signAccessToken({ sub: "u", sid: "s" });
    await expectInvalid(token, await serviceWith([current]));
    await expectInvalid(token, await serviceWith([current, stranger]));
  });
});

describe("jwks", () => {
  test("lists public keys only, with kid, alg and use", async () => {
    const rotated = await serviceWith([current, previous]);
    const { keys } = rotated.jwks();
    expect(keys).toEqual([
      { kty: "OKP", crv: "Ed25519", x: current.x, kid: current.kid, alg: "EdDSA", use: "sig" },
      { kty: "OKP", crv: "Ed25519", x: previous.x, kid: previous.kid, alg: "EdDSA", use: "sig" },
    ]);
    const served = JSON.stringify(rotated.jwks());
    expect(served).not.toContain('"d"');
    expect(served).not.toContain(current.d);
    expect(served).not.toContain(previous.d);
  });

  test("lets a third party verify our tokens", async () => {
    const { token } = await service.signAccessToken({ sub: "u", sid: "s" });
    const { payload } = await jwtVerify(token, createLocalJWKSet(service.jwks()), {
      algorithms: ["EdDSA"],
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    expect(payload.sub).toBe("u");
  });

  test("cannot be changed through a returned copy", () => {
    const first = service.jwks();
    const key = first.keys[0];
    if (key) key.x = "changed";
    first.keys.push({ kid: "added" });
    expect(service.jwks().keys).toHaveLength(1);
    expect(service.jwks().keys[0]?.x).toBe(current.x);
  });
});

describe("createTokenService", () => {
  test("refuses unusable settings", async () => {
    const base = { keys: [current], issuer: ISSUER, audience: AUDIENCE, ttlSeconds: TTL };
    const bad = [
      { ...base, keys: [] },
      { ...base, keys: [current, { ...previous, kid: current.kid }] },
      { ...base, keys: [{ ...current, x: previous.x }] },
      { ...base, issuer: "" },
      { ...base, audience: "" },
      { ...base, ttlSeconds: 0 },
      { ...base, ttlSeconds: 1.5 },
    ];
    for (const options of bad) {
      await expect(createTokenService(options)).rejects.toThrow(TokenConfigError);
    }
  });

  test("says which key is a mismatched pair", async () => {
    const options = {
      keys: [current, { ...previous, x: stranger.x }],
      issuer: ISSUER,
      audience: AUDIENCE,
      ttlSeconds: TTL,
    };
    await expect(createTokenService(options)).rejects.toThrow(
      `key 1 (kid "${previous.kid}"): x is not the public key of d`,
    );
  });
});

describe("generateSigningKey", () => {
  test("makes a complete Ed25519 JWK with a random url-safe kid", async () => {
    const key = await generateSigningKey();
    expect(key).toEqual({
      kty: "OKP",
      crv: "Ed25519",
      x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      d: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      kid: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      alg: "EdDSA",
    });
    expect(key.kid).not.toBe((await generateSigningKey()).kid);
  });
});

describe("parseSigningKeys", () => {
  test("parses a JSON array of keys, keeping order and only JWK fields", () => {
    const json = JSON.stringify([{ ...current, use: "sig", note: "2025-06" }, previous]);
    expect(parseSigningKeys(json)).toEqual([current, previous]);
    const { alg: _alg, ...withoutAlg } = current;
    expect(parseSigningKeys(JSON.stringify([withoutAlg]))).toEqual([withoutAlg]);
  });

  test("explains each mistake without echoing key material", () => {
    const publicOnly = { kty: "OKP", crv: "Ed25519", x: current.x, kid: "pub" };
    const cases: Array<[string, RegExp]> = [
      [`not json ${current.d}`, /AUTH_KEYS is not valid JSON/],
      ["", /AUTH_KEYS is not valid JSON/],
      [JSON.stringify(current), /AUTH_KEYS must be a JSON array of keys, not an object/],
      ['"[]"', /AUTH_KEYS must be a JSON array of keys, not a string/],
      ["[]", /AUTH_KEYS is empty/],
      ["[null]", /AUTH_KEYS\[0\] must be a JWK object, not null/],
      [JSON.stringify([current, "key"]), /AUTH_KEYS\[1\] must be a JWK object, not a string/],
      [JSON.stringify([{ ...current, kty: "RSA" }]), /AUTH_KEYS\[0\] must be an Ed25519 key/],
      [JSON.stringify([{ ...current, crv: "X25519" }]), /must be an Ed25519 key/],
      [JSON.stringify([publicOnly]), /AUTH_KEYS\[0\] \(kid "pub"\) has no d/],
      [JSON.stringify([{ ...current, x: "short" }]), /x must be the 32-byte public key/],
      [JSON.stringify([{ ...current, d: 12 }]), /d must be the 32-byte private key/],
      [JSON.stringify([{ ...current, kid: "" }]), /AUTH_KEYS\[0\]: kid must be/],
      [JSON.stringify([{ ...current, kid: "a b" }]), /kid must be/],
      [JSON.stringify([{ ...current, alg: "HS256" }]), /alg must be "EdDSA"/],
      [JSON.stringify([current, current]), /AUTH_KEYS\[1\] repeats kid/],
    ];
    for (const [json, message] of cases) {
      let caught: unknown;
      try {
        parseSigningKeys(json);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(TokenConfigError);
      expect((caught as Error).message).toMatch(message);
      expect((caught as Error).message).not.toContain(current.d);
    }
  });
});

describe("loadOrCreateDevKeys", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "auth-utils-keys-"));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("creates one key in a private file, then reuses it", async () => {
    const path = join(dir, "nested", "deeper", "auth-keys.json");
    const created = await loadOrCreateDevKeys(path);
    expect(created).toHaveLength(1);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(parseSigningKeys(await readFile(path, "utf8"))).toEqual(created);

    expect(await loadOrCreateDevKeys(path)).toEqual(created);
    const tokens = await serviceWith(await loadOrCreateDevKeys(path));
    const { token } = await (await serviceWith(created)).signAccessToken({ sub: "u", sid: "s" });
    expect((await tokens.verifyAccessToken(token)).sub).toBe("u");
  });

  test("processes starting together end up with the same key", async () => {
    const path = join(dir, "race", "auth-keys.json");
    const results = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateDevKeys(path)));
    for (const keys of results)
      expect(keys).toEqual(parseSigningKeys(await readFile(path, "utf8")));
  });

  test("reports a broken file by its path", async () => {
    const path = join(dir, "broken.json");
    await writeFile(path, "{ not json");
    await expect(loadOrCreateDevKeys(path)).rejects.toThrow(`${path} is not valid JSON`);
  });
});
