// Vite: dev server with a proxy to the API (same origin, so the refresh cookie works), and the build.
import { randomBytes } from "node:crypto";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const api = process.env.SUPPORTDESK_API_URL ?? "http://127.0.0.1:3000";

/**
 * The server's Content-Security-Policy (apps/server/src/security-headers.ts) on the dev server
 * too, so code that would break under it breaks here first. Two dev-only relaxations, both by a
 * nonce that lives as long as the dev server: React Refresh's inline preamble script, and the
 * <style> tags through which Vite applies CSS (it stamps them with `html.cspNonce`). The built
 * app needs neither: its index.html has no inline script and its CSS is a file.
 */
function devContentSecurityPolicy(): Plugin {
  const nonce = randomBytes(18).toString("base64");
  return {
    name: "supportdesk:dev-csp",
    apply: "serve",
    config: () => ({ html: { cspNonce: nonce } }),
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        // HMR's socket is on the page's own host; only a plain host name is echoed back.
        const host = /^[a-z0-9.-]+(:\d{1,5})?$/i.test(req.headers.host ?? "")
          ? ` ws://${req.headers.host}`
          : "";
        res.setHeader(
          "Content-Security-Policy",
          [
            "default-src 'self'",
            `script-src 'self' 'nonce-${nonce}'`,
            `style-src 'self' 'nonce-${nonce}'`,
            "img-src 'self' https: data:",
            "font-src 'self'",
            `connect-src 'self'${host}`,
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
          ].join("; "),
        );
        next();
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), devContentSecurityPolicy()],
  server: {
    port: 5173,
    proxy: {
      "/trpc": { target: api, changeOrigin: false },
      "/t/": {
        target: api,
        changeOrigin: false,
        bypass: (req) => (req.url?.includes("/trpc") ? undefined : req.url),
      },
      "/ws": { target: api.replace(/^http/, "ws"), ws: true },
      // The public help centre (Settings → Help centre links to /hc/<slug>/) and its stylesheet.
      "/hc/": { target: api, changeOrigin: false },
      // Stored files by signed link (attachments, emails' originals) and agents' uploads.
      "/files/": { target: api, changeOrigin: false },
      "/uploads/": { target: api, changeOrigin: false },
      "/hc-assets/": { target: api, changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: their own chunks stay cached across deploys.
        codeSplitting: {
          groups: [
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/@]/,
            },
            // Recharts and what it brings: only the Reports page imports them, so this chunk
            // loads with that page and never with the inbox.
            {
              name: "charts",
              test: /node_modules[\\/](recharts|@reduxjs|decimal\.js-light|es-toolkit|eventemitter3|immer|react-redux|reselect|tiny-invariant|victory-vendor|d3-[a-z-]+|internmap)[\\/]/,
            },
            { name: "vendor", test: /node_modules/ },
          ],
        },
      },
    },
  },
});
