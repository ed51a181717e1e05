// Vite: dev server with a proxy to the API (same origin, so the refresh cookie works), and the build.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = process.env.SUPPORTDESK_API_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [react()],
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
            { name: "vendor", test: /node_modules/ },
          ],
        },
      },
    },
  },
});
