// Opaque secrets (refresh, invitation, email-verification and reset tokens): make, hash, compare.
import { createHash, timingSafeEqual } from "node:crypto";

/**
 * A new random token: 256 bits from the platform CSPRNG, base64url without padding (43 chars).
 * Give it to the user once; store only {@link hashToken} of it.
 *
 * @example
 * const refreshToken = generateOpaqueToken();
 * await db.insert(sessions).values({ id, tokenHash: hashToken(refreshToken), expiresAt });
 */
export function generateOpaqueToken(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
}

/**
 * SHA-256 of a token, hex. A fast hash is enough here, unlike for passwords: the input already has
 * 256 bits of entropy, so there is nothing to brute-force, and lookups by hash stay cheap.
 *
 * @example
 * const session = await findSessionByTokenHash(hashToken(presentedToken));
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * Compares two secrets in time that does not depend on where they first differ. Strings of
 * different byte lengths are unequal; the length itself is not secret (hashes have a fixed one).
 *
 * @example
 * if (!safeEqual(hashToken(presented), row.tokenHash)) throw new AppError("UNAUTHORIZED", "…");
 */
export function safeEqual(a: string, b: string): boolean {
  if (typeof a !== "string" || typeof b !== "string") return false;
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  if (left.length !== right.length) {
    // Still do a full comparison so both branches do similar work.
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}
