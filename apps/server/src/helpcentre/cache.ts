// Rendered help-centre pages in Redis, per tenant and per cache generation (see forgetHelpCentre),
// with the hottest also kept in this process's memory under the same name: a hit then costs one
// Redis round trip (the generation, so a change still shows on the next request) instead of two.
import { tenantCache } from "@supportdesk/cache";
import type { TrpcDeps } from "@supportdesk/trpc";

/** How long a rendered page is kept; changes drop it sooner (the generation moves on). */
export const PAGE_TTL_SECONDS = 5 * 60;

/** A response body worth caching: only successful pages are stored. */
export type Rendered = { type: string; body: string };

/** Pages kept in memory per process (least recently used first out), and for how long. */
const LOCAL_PAGES = 2000;
const LOCAL_TTL_MS = 60_000;
const local = new Map<string, { page: Rendered; until: number }>();

function fromLocal(name: string): Rendered | undefined {
  const hit = local.get(name);
  if (!hit) return undefined;
  local.delete(name);
  if (hit.until < Date.now()) return undefined;
  local.set(name, hit); // most recently used goes last
  return hit.page;
}

function keepLocal(name: string, page: Rendered): void {
  local.delete(name);
  local.set(name, { page, until: Date.now() + LOCAL_TTL_MS });
  if (local.size > LOCAL_PAGES) {
    const oldest = local.keys().next().value;
    if (oldest !== undefined) local.delete(oldest);
  }
}

/**
 * The page under `key` (everything that changes its bytes: origin, prefix, path, query), or what
 * `render` makes of it, stored for next time when it is not a 404 (`null`). With Redis down every
 * request renders; nothing fails.
 */
export async function cachedPage(
  deps: Pick<TrpcDeps, "redis" | "log">,
  tenantId: string,
  key: string,
  render: () => Promise<Rendered | null>,
): Promise<Rendered | null> {
  const cache = tenantCache(deps.redis, tenantId, {
    onError: (error) => deps.log.warn({ err: error.message }, "help centre cache unavailable"),
  });
  const generation = (await cache.get<number>("hc:generation")) ?? 0;
  // Hashed: the key holds visitor input (a search query, a Host header), which may be long or
  // hold characters a cache key may not.
  const digest = new Bun.CryptoHasher("sha256").update(key).digest("base64url");
  const name = `hc:${generation}:${digest}`;
  // The tenant is part of the name: generations are per tenant, so two tenants' names could meet.
  const localName = `${tenantId}:${name}`;
  const kept = fromLocal(localName);
  if (kept) return kept;
  const hit = await cache.get<Rendered>(name);
  if (hit) {
    keepLocal(localName, hit);
    return hit;
  }
  const page = await render();
  if (page) {
    await cache.set(name, page, PAGE_TTL_SECONDS);
    keepLocal(localName, page);
  }
  return page;
}
