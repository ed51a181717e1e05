// `/files/<token>`: a stored file (an attachment, an email's original) by a signed, short-lived
// link that names the tenant's object (`@supportdesk/storage` links). A safe image may show
// inline; anything else downloads, as `application/octet-stream` unless it is plain text, and every
// answer is sandboxed so a file can never run as a page of ours.
import { verifyFileLink } from "@supportdesk/storage";
import type { TrpcDeps } from "@supportdesk/trpc";

const NOT_FOUND = () =>
  new Response("This link has expired or does not exist.", {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });

/** `filename="…"` for old clients (ASCII, quotes dropped) and `filename*` in UTF-8. */
function disposition(kind: "inline" | "attachment", filename: string): string {
  const ascii = Array.from(filename, (c) =>
    c.charCodeAt(0) < 32 || c.charCodeAt(0) > 126 || c === '"' || c === "\\" ? "_" : c,
  ).join("");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function serveFile(
  deps: Pick<TrpcDeps, "files" | "log">,
  token: string,
): Promise<Response> {
  const claims = verifyFileLink(deps.files.linkKey, token);
  if (!claims) return NOT_FOUND();
  const body = await deps.files.storage.get(claims.key);
  if (!body) return NOT_FOUND();
  const type = claims.inline
    ? claims.contentType
    : claims.contentType.startsWith("text/plain") || claims.contentType === "message/rfc822"
      ? `${claims.contentType.split(";")[0]}; charset=utf-8`
      : "application/octet-stream";
  return new Response(body, {
    headers: {
      "content-type": type,
      "content-disposition": disposition(claims.inline ? "inline" : "attachment", claims.filename),
      "content-length": String(body.byteLength),
      "cache-control": "private, max-age=300",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
}
