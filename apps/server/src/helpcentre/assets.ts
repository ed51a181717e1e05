// The help centre's own static files, each served under a content-hashed name so browsers keep it
// a year: one stylesheet, and the contact form's suggestions script.
import { readFileSync } from "node:fs";

export type Asset = { path: string; body: string; type: string };

function asset(file: string, type: string): Asset {
  const body = readFileSync(new URL(`./${file}`, import.meta.url), "utf8");
  const hash = new Bun.CryptoHasher("sha256").update(body).digest("hex").slice(0, 12);
  const [name, extension] = file.split(".");
  return { path: `/hc-assets/${name}.${hash}.${extension}`, body, type };
}

/** `/hc-assets/helpcentre.<hash>.css`: a new name whenever the file changes. */
export const stylesheet: Asset = asset("helpcentre.css", "text/css; charset=utf-8");
/** `/hc-assets/contact.<hash>.js`: the contact form's article suggestions. */
export const contactScript: Asset = asset("contact.js", "text/javascript; charset=utf-8");
