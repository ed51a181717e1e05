// Access tokens: short-lived EdDSA (Ed25519) JWTs signed and verified with jose, keys rotated by kid.
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import {
  type CryptoKey,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
} from "jose";

/** An Ed25519 private key as a JWK, with the key id that tokens name in their header. */
export type SigningJwk = {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  d: string;
  kid: string;
  alg?: "EdDSA";
};

/** What the caller puts in an access token. Roles and tenants stay out: they change, tokens don't. */
export type AccessTokenClaims = { sub: string; sid: string };

/** A verified token's claims. */
export type VerifiedAccessToken = AccessTokenClaims & { exp: number; iat: number; jti: string };

export type TokenService = {
  /**
   * Signs an access token with the first key.
   *
   * @example
   * const { token, expiresAt } = await tokens.signAccessToken({ sub: user.id, sid: session.id });
   */
  signAccessToken(claims: AccessTokenClaims): Promise<{ token: string; expiresAt: Date }>;
  /**
   * Verifies an access token with whichever configured key its kid names. Throws TokenError
   * (code "TOKEN_INVALID" | "TOKEN_EXPIRED") — never leaks jose's internals in the message.
   *
   * @example
   * const { sub: userId, sid: sessionId } = await tokens.verifyAccessToken(bearer);
   */
  verifyAccessToken(token: string): Promise<VerifiedAccessToken>;
  /**
   * Public keys only (no "d"), with kid, alg "EdDSA", use "sig": served at /.well-known/jwks.json
   *
   * @example
   * app.get("/.well-known/jwks.json", (c) => c.json(tokens.jwks()));
   */
  jwks(): { keys: Array<Record<string, string>> };
};

type TokenErrorCode = "TOKEN_INVALID" | "TOKEN_EXPIRED";

/** A token was rejected. The message is fixed per code, so it is safe to show a client. */
export class TokenError extends Error {
  override name = "TokenError";
  code: TokenErrorCode;

  constructor(code: TokenErrorCode) {
    super(
      code === "TOKEN_EXPIRED" ? "The access token has expired." : "The access token is invalid.",
    );
    this.code = code;
  }
}

/** The signing keys or token settings are unusable; the message says which and how. */
export class TokenConfigError extends Error {
  override name = "TokenConfigError";
}

const ALG = "EdDSA";
const TYP = "at+jwt";
// Covers small clock differences between the servers that sign and the ones that verify.
const CLOCK_TOLERANCE_SECONDS = 5;
const BASE64URL_32_BYTES = /^[A-Za-z0-9_-]{43}$/;
const KID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * A new Ed25519 signing key with a random, url-safe kid.
 *
 * @example
 * // Print a value for AUTH_KEYS; put the new key first and keep the old one after it until
 * // tokens it signed have expired.
 * console.log(JSON.stringify([await generateSigningKey(), ...currentKeys]));
 */
export async function generateSigningKey(): Promise<SigningJwk> {
  const { privateKey } = await generateKeyPair("Ed25519", { extractable: true });
  const jwk = await exportJWK(privateKey);
  if (typeof jwk.x !== "string" || typeof jwk.d !== "string") {
    throw new TokenConfigError("The runtime exported an Ed25519 key without x or d.");
  }
  const kid = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64url");
  return { kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d, kid, alg: ALG };
}

/**
 * Development keys kept in a git-ignored file: reads the JSON array at `path`, or, when the file
 * does not exist, generates one key and writes it (mode 0600, parent folders created). Production
 * should pass AUTH_KEYS to {@link parseSigningKeys} instead.
 *
 * @example
 * const keys = config.AUTH_KEYS
 *   ? parseSigningKeys(config.AUTH_KEYS)
 *   : await loadOrCreateDevKeys(".keys/auth-dev.json");
 */
export async function loadOrCreateDevKeys(path: string): Promise<SigningJwk[]> {
  const existing = await readIfExists(path);
  if (existing !== undefined) return parseKeys(existing, path);

  const keys = [await generateSigningKey()];
  const json = `${JSON.stringify(keys, null, 2)}\n`;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  // Write elsewhere, then hard-link into place: the link is atomic and fails if the file appeared
  // meanwhile, so when the server and the worker start together both end up with the same key
  // (and neither ever reads a half-written file).
  const temporary = `${path}.${process.pid}.${randomId()}.tmp`;
  await writeFile(temporary, json, { mode: 0o600, flag: "wx" });
  try {
    await link(temporary, path);
    return keys;
  } catch (error) {
    if (errorCode(error) !== "EEXIST") throw error;
    return parseKeys(await readFile(path, "utf8"), path);
  } finally {
    await unlink(temporary).catch(() => {});
  }
}

/**
 * Parses the AUTH_KEYS variable: a JSON array of Ed25519 private JWKs, the signing key first.
 * Throws TokenConfigError naming what is wrong (never echoing key material).
 *
 * @example
 * const keys = parseSigningKeys(config.AUTH_KEYS);
 * // AUTH_KEYS='[{"kty":"OKP","crv":"Ed25519","x":"…","d":"…","kid":"2025-06"}]'
 */
export function parseSigningKeys(json: string): SigningJwk[] {
  return parseKeys(json, "AUTH_KEYS");
}

/**
 * Builds the service that signs and verifies access tokens. The first key signs; every key
 * verifies tokens that name it by kid, which is how keys rotate: put a new key first, keep the old
 * one second until the longest-lived token it signed has expired, then drop it.
 *
 * @example
 * const tokens = await createTokenService({
 *   keys: parseSigningKeys(config.AUTH_KEYS),
 *   issuer: "https://supportdesk.example",
 *   audience: "supportdesk-api",
 *   ttlSeconds: 900,
 * });
 */
export async function createTokenService(options: {
  keys: SigningJwk[];
  issuer: string;
  audience: string;
  ttlSeconds: number;
}): Promise<TokenService> {
  const { issuer, audience, ttlSeconds } = options;
  if (!Array.isArray(options.keys)) {
    throw new TokenConfigError("createTokenService: keys must be an array of signing keys.");
  }
  const keys = validateKeys(options.keys, "createTokenService keys");
  if (typeof issuer !== "string" || issuer === "") {
    throw new TokenConfigError("createTokenService: issuer must be a non-empty string.");
  }
  if (typeof audience !== "string" || audience === "") {
    throw new TokenConfigError("createTokenService: audience must be a non-empty string.");
  }
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new TokenConfigError("createTokenService: ttlSeconds must be a positive whole number.");
  }

  const publicKeys = new Map<string, CryptoKey>();
  const publicJwks: Array<Record<string, string>> = [];
  let signingKey: CryptoKey | undefined;
  for (const [index, key] of keys.entries()) {
    const { privateKey, publicKey } = await importKeyPair(key, index);
    if (index === 0) signingKey = privateKey;
    publicKeys.set(key.kid, publicKey);
    publicJwks.push({ kty: "OKP", crv: "Ed25519", x: key.x, kid: key.kid, alg: ALG, use: "sig" });
  }
  const signer = keys[0];
  if (!signingKey || !signer) throw new TokenConfigError("createTokenService: no signing key.");
  const signingKid = signer.kid;

  const resolveKey = (header: { kid?: string }): CryptoKey => {
    // A Map, not an object lookup: a kid such as "__proto__" must not reach the prototype.
    const key = typeof header.kid === "string" ? publicKeys.get(header.kid) : undefined;
    if (!key) throw new TokenError("TOKEN_INVALID");
    return key;
  };

  return {
    async signAccessToken(claims) {
      if (typeof claims?.sub !== "string" || claims.sub === "") {
        throw new TypeError("signAccessToken: sub must be a non-empty string.");
      }
      if (typeof claims.sid !== "string" || claims.sid === "") {
        throw new TypeError("signAccessToken: sid must be a non-empty string.");
      }
      const issuedAt = Math.floor(Date.now() / 1000);
      const expiresAt = issuedAt + ttlSeconds;
      // Only sid beyond the registered claims: role and tenant are looked up per request so that
      // removing a membership takes effect at once, not when the token expires.
      const token = await new SignJWT({ sid: claims.sid })
        .setProtectedHeader({ alg: ALG, typ: TYP, kid: signingKid })
        .setSubject(claims.sub)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .setJti(randomId())
        .sign(signingKey);
      return { token, expiresAt: new Date(expiresAt * 1000) };
    },

    async verifyAccessToken(token) {
      if (typeof token !== "string" || token === "") throw new TokenError("TOKEN_INVALID");
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, resolveKey, {
          algorithms: [ALG],
          typ: TYP,
          issuer,
          audience,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ["sub", "sid", "iat", "exp", "jti"],
        }));
      } catch (error) {
        if (error instanceof TokenError) throw error;
        // jose reports expiry only after the signature checked out, so an expired answer never
        // confirms anything about a forged token.
        if (error instanceof errors.JWTExpired) throw new TokenError("TOKEN_EXPIRED");
        throw new TokenError("TOKEN_INVALID");
      }
      const { sub, sid, iat, exp, jti } = payload;
      if (
        typeof sub !== "string" ||
        sub === "" ||
        typeof sid !== "string" ||
        sid === "" ||
        typeof jti !== "string" ||
        typeof iat !== "number" ||
        typeof exp !== "number"
      ) {
        throw new TokenError("TOKEN_INVALID");
      }
      return { sub, sid, iat, exp, jti };
    },

    jwks() {
      // Fresh copies so a caller that decorates the response cannot change what we serve next.
      return { keys: publicJwks.map((jwk) => ({ ...jwk })) };
    },
  };
}

function parseKeys(json: string, source: string): SigningJwk[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    // The parser's own message quotes the input, which here is a private key.
    throw new TokenConfigError(
      `${source} is not valid JSON: expected an array of Ed25519 private JWKs, like ` +
        `[{"kty":"OKP","crv":"Ed25519","x":"…","d":"…","kid":"…"}].`,
    );
  }
  if (!Array.isArray(value)) {
    throw new TokenConfigError(`${source} must be a JSON array of keys, not ${describe(value)}.`);
  }
  return validateKeys(value, source);
}

function validateKeys(values: unknown[], source: string): SigningJwk[] {
  if (values.length === 0) {
    throw new TokenConfigError(`${source} is empty: at least one signing key is needed.`);
  }
  const seen = new Set<string>();
  return values.map((value, index) => {
    const key = validateKey(value, `${source}[${index}]`);
    if (seen.has(key.kid)) {
      throw new TokenConfigError(
        `${source}[${index}] repeats kid "${key.kid}": each key needs its own kid.`,
      );
    }
    seen.add(key.kid);
    return key;
  });
}

function validateKey(value: unknown, where: string): SigningJwk {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TokenConfigError(`${where} must be a JWK object, not ${describe(value)}.`);
  }
  const { kty, crv, x, d, kid, alg } = value as Record<string, unknown>;
  if (kty !== "OKP" || crv !== "Ed25519") {
    throw new TokenConfigError(
      `${where} must be an Ed25519 key (kty "OKP", crv "Ed25519"); ` +
        `got kty ${JSON.stringify(kty)}, crv ${JSON.stringify(crv)}.`,
    );
  }
  if (typeof kid !== "string" || !KID_PATTERN.test(kid)) {
    throw new TokenConfigError(
      `${where}: kid must be 1–128 characters of letters, digits, ".", "_" or "-".`,
    );
  }
  const named = `${where} (kid "${kid}")`;
  if (typeof x !== "string" || !BASE64URL_32_BYTES.test(x)) {
    throw new TokenConfigError(`${named}: x must be the 32-byte public key in base64url.`);
  }
  if (d === undefined) {
    throw new TokenConfigError(`${named} has no d: signing keys must include the private part.`);
  }
  if (typeof d !== "string" || !BASE64URL_32_BYTES.test(d)) {
    throw new TokenConfigError(`${named}: d must be the 32-byte private key in base64url.`);
  }
  if (alg !== undefined && alg !== ALG) {
    throw new TokenConfigError(`${named}: alg must be "EdDSA" or left out.`);
  }
  return alg === undefined ? { kty, crv, x, d, kid } : { kty, crv, x, d, kid, alg };
}

async function importKeyPair(
  key: SigningJwk,
  index: number,
): Promise<{ privateKey: CryptoKey; publicKey: CryptoKey }> {
  const named = `key ${index} (kid "${key.kid}")`;
  let privateKey: CryptoKey;
  let publicKey: CryptoKey;
  try {
    privateKey = await importJWK({ kty: "OKP", crv: "Ed25519", x: key.x, d: key.d }, ALG);
    publicKey = await importJWK({ kty: "OKP", crv: "Ed25519", x: key.x }, ALG);
  } catch {
    throw new TokenConfigError(`${named} could not be imported as an Ed25519 key.`);
  }
  // WebCrypto does not check that x belongs to d; a mismatch would sign tokens nobody can verify.
  const probe = new TextEncoder().encode("supportdesk key check");
  const signature = await crypto.subtle.sign("Ed25519", privateKey, probe);
  if (!(await crypto.subtle.verify("Ed25519", publicKey, signature, probe))) {
    throw new TokenConfigError(`${named}: x is not the public key of d (copied from two keys?).`);
  }
  return { privateKey, publicKey };
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
}

function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function randomId(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64url");
}
