// The security headers on every response: a strict Content-Security-Policy (no inline script, no
// eval, no framing) and Hono's companions (nosniff, Referrer-Policy, COOP, …).
import type { Context, MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

/** A Host header that is safe to echo into the policy: a name or IP literal and an optional port. */
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The WebSocket origin of the page's own host (`ws://host` or `wss://host`) for `/ws`. CSP Level 3
 * lets `'self'` match it already; naming it keeps browsers that predate that rule working. An odd
 * Host header adds nothing (the policy then says `'self'` only).
 */
export function sameHostWebSocket(req: Request, secure: boolean): string {
  const host = req.headers.get("host") ?? "";
  return HOST.test(host) ? `${secure ? "wss" : "ws"}://${host}` : "";
}

/**
 * The policy, directive by directive. React sets `style` through the CSSOM (allowed by
 * `style-src 'self'`), the build has no inline script (apps/web/vite.config.ts), and tenant
 * logos are https URLs, hence `img-src https:`. `connect-src` also gets the page's WebSocket
 * origin per request.
 */
export const CSP_DIRECTIVES = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "style-src": ["'self'"],
  "img-src": ["'self'", "https:", "data:"],
  "font-src": ["'self'"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
} as const;

/** Every response's security headers; `secure` says whether the client's connection is HTTPS. */
export function securityHeaders(secure: (req: Request) => boolean): MiddlewareHandler {
  // One value ('self' and the socket's origin), so an odd Host leaves no stray space behind.
  const connect = (c: Context) =>
    [...CSP_DIRECTIVES["connect-src"], sameHostWebSocket(c.req.raw, secure(c.req.raw))]
      .filter(Boolean)
      .join(" ");
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: [...CSP_DIRECTIVES["default-src"]],
      scriptSrc: [...CSP_DIRECTIVES["script-src"]],
      styleSrc: [...CSP_DIRECTIVES["style-src"]],
      imgSrc: [...CSP_DIRECTIVES["img-src"]],
      fontSrc: [...CSP_DIRECTIVES["font-src"]],
      connectSrc: [connect],
      objectSrc: [...CSP_DIRECTIVES["object-src"]],
      baseUri: [...CSP_DIRECTIVES["base-uri"]],
      formAction: [...CSP_DIRECTIVES["form-action"]],
      frameAncestors: [...CSP_DIRECTIVES["frame-ancestors"]],
    },
    // The same as frame-ancestors 'none', for browsers that only know the older header.
    xFrameOptions: "DENY",
    // The app needs none of these; an injected script or a framed page cannot ask for them.
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
  });
}
