// Short-lived signed links: a download (`/files/<token>`) names one object of one tenant, the name
// and type to serve it as, and when it stops working; an upload (`/uploads/<token>`) names where an
// agent's file may be written and how big it may be. HMAC-SHA256 signs both, each with its own
// kind, so one can never be used as the other.
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

export type UploadClaims = {
  tenantId: string;
  key: string;
  /** The attachment row the upload becomes, on this ticket. */
  attachmentId: string;
  ticketId: string;
  filename: string;
  maxBytes: number;
  exp: number;
};

type Kind = "download" | "upload";

const hmac = (secret: Uint8Array, kind: Kind, body: string) =>
  createHmac("sha256", secret).update(`${kind}.${body}`).digest("base64url");

function sign(secret: Uint8Array, kind: Kind, claims: { tenantId: string; key: string }): string {
  checkKey(claims.key);
  if (!belongsTo(claims.key, claims.tenantId)) throw new Error("the key is not the tenant's");
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${body}.${hmac(secret, kind, body)}`;
}

function verify<T extends { tenantId: string; key: string; exp: number }>(
  secret: Uint8Array,
  kind: Kind,
  token: string,
  nowSeconds: number,
): T | null {
  if (token.length > 4000) return null;
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(hmac(secret, kind, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let claims: T;
  try {
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as T;
  } catch {
    return null;
  }
  if (typeof claims.exp !== "number" || claims.exp < nowSeconds) return null;
  if (typeof claims.key !== "string" || !belongsTo(claims.key, String(claims.tenantId)))
    return null;
  return claims;
}

const now = () => Math.floor(Date.now() / 1000);

/** A download token for `claims`; the key must be under the tenant's prefix. */
export const signFileLink = (secret: Uint8Array, claims: FileClaims): string =>
  sign(secret, "download", claims);

/** The claims of a download token signed with `secret` and not expired, else null. */
export const verifyFileLink = (secret: Uint8Array, token: string, nowSeconds = now()) =>
  verify<FileClaims>(secret, "download", token, nowSeconds);

/** An upload token for `claims`. */
export const signUploadLink = (secret: Uint8Array, claims: UploadClaims): string =>
  sign(secret, "upload", claims);

/** The claims of an upload token signed with `secret` and not expired, else null. */
export const verifyUploadLink = (secret: Uint8Array, token: string, nowSeconds = now()) =>
  verify<UploadClaims>(secret, "upload", token, nowSeconds);
