// A per-process memory of access tokens already verified: the signature check (Ed25519) runs
// once per token, not on every request. Only the proof is remembered; the session is still read
// on every request, so a revoked session is refused as before.
import type { TokenService, VerifiedAccessToken } from "@supportdesk/auth-utils";

/** At most this many tokens are remembered (a few MB); the oldest go first. */
const MAX_ENTRIES = 10_000;

/** Per token service (its keys decide): a process has one; tests build several. */
const memories = new WeakMap<TokenService, Map<string, VerifiedAccessToken>>();

/**
 * `tokens.verifyAccessToken`, remembering successes until the token expires. A token is its own
 * key, so a remembered answer can only be the one verification would give again — while the
 * signing key that made it is configured; a key taken out of the set (a compromise) needs a
 * restart to forget what it signed, as it does to stop new tokens being accepted from caches
 * elsewhere. Failures are never remembered.
 */
export async function verifyRemembered(
  tokens: TokenService,
  token: string,
  now = Date.now(),
): Promise<VerifiedAccessToken> {
  let remembered = memories.get(tokens);
  if (!remembered) {
    remembered = new Map();
    memories.set(tokens, remembered);
  }
  const known = remembered.get(token);
  if (known && known.exp * 1000 > now) return known;
  if (known) remembered.delete(token);
  const claims = await tokens.verifyAccessToken(token);
  if (remembered.size >= MAX_ENTRIES) {
    const oldest = remembered.keys().next().value;
    if (oldest !== undefined) remembered.delete(oldest);
  }
  remembered.set(token, claims);
  return claims;
}
