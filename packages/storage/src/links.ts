// Short-lived signed download links (`/files/<token>`): the token names one object of one tenant,
// the file name and type to serve it as, and when it stops working; HMAC-SHA256 signs it, so only
// the server that minted it (or one with the same key) will serve it.
import { createHmac, timingSafeEqual } from "node:crypto";
import { belongsTo, checkKey } from "./keys";

export type FileClaims = {
  tenantId: string;
  key: string;
  filename: string;
  contentType: string;
  /** Served inline (a safe image shown in the page) or as a download. */
  inline: boolean;
  /** Unix seconds. */
  exp: number;
};

const sign = (secret: Uint8Array, body: string) =>
  createHmac("sha256", secret).update(body).digest("base64url");

/** A token for `claims`; the key must be under the tenant's prefix. */
export function signFileLink(secret: Uint8Array, claims: FileClaims): string {
  checkKey(claims.key);
  if (!belongsTo(claims.key, claims.tenantId)) throw new Error("the key is not the tenant's");
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${body}.${sign(secret, body)}`;
}

/** The claims of a token that is signed with `secret` and not expired, else null. */
export function verifyFileLink(
  secret: Uint8Array,
  token: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): FileClaims | null {
  if (token.length > 4000) return null;
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let claims: FileClaims;
  try {
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as FileClaims;
  } catch {
    return null;
  }
  if (typeof claims.exp !== "number" || claims.exp < nowSeconds) return null;
  if (typeof claims.key !== "string" || !belongsTo(claims.key, String(claims.tenantId)))
    return null;
  return claims;
}
