// API keys: `sdk_<prefix>_<secret>`, generated here, stored as a prefix plus a SHA-256 hash.
import { hashToken } from "./opaque";

const PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
// Alphanumerics only: no "_" or "-", so the key splits unambiguously and a double-click in a
// terminal or browser selects the whole key.
const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const PREFIX_LENGTH = 8;
// 43 base62 chars ≈ 256 bits.
const SECRET_LENGTH = 43;
// Parsing accepts 32+ chars (≥ 190 bits) so a future change of length keeps old keys working, and
// caps the length so garbage never costs more than a short hash.
const API_KEY_PATTERN = /^sdk_([a-z0-9]{8})_([A-Za-z0-9]{32,128})$/;

/**
 * A new API key. Show `key` once; store `prefix` (to list and identify keys) and `hash` (to check
 * them). The prefix is random, not secret, and should be unique per stored key.
 *
 * @example
 * const { key, prefix, hash } = generateApiKey();
 * await db.insert(apiKeys).values({ tenantId, name, prefix, keyHash: hash });
 * return { key }; // "sdk_k3x9a0b2_Vq…"
 */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomString(PREFIX_ALPHABET, PREFIX_LENGTH);
  const secret = randomString(SECRET_ALPHABET, SECRET_LENGTH);
  const key = `sdk_${prefix}_${secret}`;
  return { key, prefix, hash: hashToken(key) };
}

/**
 * Splits a presented key into the prefix to look up and the hash to compare, or returns null for
 * anything that is not a well-formed key (never throws, so callers can feed it any header).
 *
 * @example
 * const parsed = parseApiKey(request.headers.get("x-api-key") ?? "");
 * const row = parsed && (await findApiKeyByPrefix(parsed.prefix));
 * if (!row || !safeEqual(parsed.hash, row.keyHash)) throw new AppError("UNAUTHORIZED", "…");
 */
export function parseApiKey(key: string): { prefix: string; hash: string } | null {
  if (typeof key !== "string") return null;
  const match = API_KEY_PATTERN.exec(key);
  const prefix = match?.[1];
  if (!prefix) return null;
  return { prefix, hash: hashToken(key) };
}

function randomString(alphabet: string, length: number): string {
  // Rejection sampling: taking `byte % alphabet.length` directly would favour the first letters.
  const limit = 256 - (256 % alphabet.length);
  let out = "";
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte >= limit) continue;
      out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}
