// The help centre's one stylesheet, served under a content-hashed name so browsers keep it a year.
import { readFileSync } from "node:fs";

export type Asset = { path: string; body: string };

const body = readFileSync(new URL("./helpcentre.css", import.meta.url), "utf8");
const hash = new Bun.CryptoHasher("sha256").update(body).digest("hex").slice(0, 12);

/** `/hc-assets/helpcentre.<hash>.css`: a new name whenever the file changes. */
export const stylesheet: Asset = { path: `/hc-assets/helpcentre.${hash}.css`, body };
