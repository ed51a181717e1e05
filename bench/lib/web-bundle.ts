// The web app's production bundle: built with vite, then every file in dist/assets measured raw
// and gzip-compressed (Bun.gzipSync, level 9; what a compressing proxy or CDN would send).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const GZIP_LEVEL = 9;

export type AssetSize = { file: string; kind: "js" | "css" | "other"; raw: number; gzip: number };
export type SizeTotal = { files: number; raw: number; gzip: number };

export type BundleReport = {
  dist: string;
  /** Seconds `vite build` took; undefined with --no-build. */
  buildSeconds: number | undefined;
  compression: string;
  assets: AssetSize[];
  js: SizeTotal;
  css: SizeTotal;
  /** The entry script of dist/index.html (`<script type="module" src>`). */
  entry: AssetSize;
  /** Everything dist/index.html makes the browser fetch at once: scripts, modulepreloads, CSS. */
  initial: SizeTotal & { files: number; names: string[] };
  indexHtml: { raw: number; gzip: number };
};

/** Runs `vite build apps/web --logLevel warn` from the repo root; its output goes to ours. */
export async function buildWeb(root: string): Promise<number> {
  const vite = join(root, "apps", "web", "node_modules", ".bin", "vite");
  if (!existsSync(vite)) {
    throw new Error(`${vite} is missing: run \`bun install\` (bench:web's bootstrap does).`);
  }
  const t0 = performance.now();
  const child = Bun.spawn([vite, "build", "apps/web", "--logLevel", "warn"], {
    cwd: root,
    stdin: "ignore",
    stdout: "inherit",
    stderr: "inherit",
  });
  const code = await child.exited;
  if (code !== 0) {
    throw new Error(
      `Building the web app failed (exit ${code}): apps/web/node_modules/.bin/vite build apps/web`,
    );
  }
  return (performance.now() - t0) / 1000;
}

// readFileSync's buffers are never shared: the cast only narrows ArrayBufferLike for the types.
const gzipSize = (data: Uint8Array) =>
  Bun.gzipSync(data as Uint8Array<ArrayBuffer>, { level: GZIP_LEVEL }).byteLength;

function kindOf(file: string): AssetSize["kind"] {
  if (file.endsWith(".js") || file.endsWith(".mjs")) return "js";
  if (file.endsWith(".css")) return "css";
  return "other";
}

function total(assets: AssetSize[]): SizeTotal {
  return {
    files: assets.length,
    raw: assets.reduce((sum, a) => sum + a.raw, 0),
    gzip: assets.reduce((sum, a) => sum + a.gzip, 0),
  };
}

/** The `/assets/…` files dist/index.html references (script src, modulepreload and CSS hrefs). */
function referenced(html: string): { entry: string | undefined; all: string[] } {
  const entry = /<script\b[^>]*\btype="module"[^>]*\bsrc="\/?assets\/([^"]+)"/.exec(html)?.[1];
  const all = new Set<string>();
  for (const match of html.matchAll(/\b(?:src|href)="\/?assets\/([^"?#]+)"/g)) {
    if (match[1]) all.add(match[1]);
  }
  return { entry, all: [...all] };
}

/** Measures dist/assets (no .map files) and what dist/index.html loads first. */
export function measureBundle(dist: string, buildSeconds: number | undefined): BundleReport {
  const indexFile = join(dist, "index.html");
  const assetsDir = join(dist, "assets");
  if (!existsSync(indexFile) || !existsSync(assetsDir)) {
    throw new Error(
      `${indexFile} or ${assetsDir} is missing: build the web app (drop --no-build, or run ` +
        "apps/web/node_modules/.bin/vite build apps/web).",
    );
  }
  const assets: AssetSize[] = readdirSync(assetsDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith(".map"))
    .map((entry) => {
      const data = readFileSync(join(assetsDir, entry.name));
      return {
        file: entry.name,
        kind: kindOf(entry.name),
        raw: data.byteLength,
        gzip: gzipSize(data),
      };
    })
    .sort((a, b) => a.kind.localeCompare(b.kind) || b.gzip - a.gzip);
  const html = readFileSync(indexFile);
  const refs = referenced(html.toString("utf8"));
  const entry = assets.find((a) => a.file === refs.entry);
  if (!entry) {
    throw new Error(
      `dist/index.html names no entry script in assets/ (found ${refs.entry ?? "none"}).`,
    );
  }
  const initialAssets = assets.filter((a) => refs.all.includes(a.file));
  return {
    dist,
    buildSeconds,
    compression: `gzip level ${GZIP_LEVEL} (Bun.gzipSync); .map files ignored`,
    assets,
    js: total(assets.filter((a) => a.kind === "js")),
    css: total(assets.filter((a) => a.kind === "css")),
    entry,
    initial: { ...total(initialAssets), names: initialAssets.map((a) => a.file) },
    indexHtml: { raw: html.byteLength, gzip: gzipSize(html) },
  };
}

/** 123456 → "120.6 KiB". */
export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
