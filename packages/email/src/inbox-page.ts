// The dev mail inbox as a page (MailDev 3 on npm ships its API without its web interface): a list
// of every captured email, newest first, and each one with its headers, its HTML in a sandboxed
// frame (links open in a new tab) and its text. `/api/*` passes through to MailDev's API, so tools
// that read the inbox keep working on the same port.
import type { CapturedMessage, MailCapture } from "./capture";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const PAGE = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem;color:#1f2937}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #e5e7eb}
a{color:#1d4ed8}iframe{width:100%;height:36rem;border:1px solid #d1d5db}pre{white-space:pre-wrap;background:#f9fafb;padding:1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}</style>
</head><body>${body}</body></html>`;

function list(messages: CapturedMessage[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) =>
        `<tr><td>${esc(m.headers.date ?? "")}</td><td>${esc(m.fromName ? `${m.fromName} <${m.from}>` : m.from)}</td><td>${esc(m.to.join(", "))}</td><td><a href="/email/${encodeURIComponent(m.id)}">${esc(m.subject || "(no subject)")}</a></td></tr>`,
    )
    .join("");
  return PAGE(
    "Mail inbox",
    `<h1>Mail inbox</h1><p>Every email the local stack sent (newest first). Reload to see new ones.</p>
<table><thead><tr><th>Date</th><th>From</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows || '<tr><td colspan="4">Nothing yet.</td></tr>'}</tbody></table>`,
  );
}

function one(m: CapturedMessage): string {
  const fields = [
    "date",
    "from",
    "to",
    "cc",
    "reply-to",
    "message-id",
    "in-reply-to",
    "references",
  ];
  const headers = fields
    .filter((name) => m.headers[name])
    .map((name) => `<dt>${esc(name)}</dt><dd>${esc(m.headers[name] ?? "")}</dd>`)
    .join("");
  // The email's HTML runs nothing: a sandbox without scripts; links open in a new tab.
  const html = m.html ? `<base target="_blank">${m.html}` : "";
  return PAGE(
    m.subject,
    `<p><a href="/">← Inbox</a></p><h1>${esc(m.subject || "(no subject)")}</h1><dl>${headers}</dl>
${html ? `<iframe title="The email as HTML" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${esc(html)}"></iframe>` : ""}
<h2>Text</h2><pre>${esc(m.text)}</pre>`,
  );
}

/** Serves the inbox page on `port` (127.0.0.1) for `capture`; stop it with `.stop()`. */
export function serveInboxPage(capture: MailCapture, port: number) {
  return Bun.serve({
    hostname: "127.0.0.1",
    port,
    async fetch(request) {
      const url = new URL(request.url);
      if (url.pathname.startsWith("/api/")) {
        return fetch(`${capture.webUrl}${url.pathname}${url.search}`, {
          method: request.method,
          ...(request.method === "GET" || request.method === "HEAD" ? {} : { body: request.body }),
        });
      }
      const headers = { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" };
      const messages = await capture.messages();
      if (url.pathname === "/") return new Response(list(messages), { headers });
      const id = /^\/email\/([^/]+)$/.exec(url.pathname)?.[1];
      const found = id ? messages.find((m) => m.id === decodeURIComponent(id)) : undefined;
      return found
        ? new Response(one(found), { headers })
        : new Response(PAGE("Not found", '<p>No such email. <a href="/">Inbox</a></p>'), {
            status: 404,
            headers,
          });
    },
  });
}
