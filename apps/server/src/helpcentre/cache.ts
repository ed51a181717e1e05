// Rendered help-centre pages in Redis, per tenant and per cache generation (see forgetHelpCentre).
import { tenantCache } from "@supportdesk/cache";
import type { TrpcDeps } from "@supportdesk/trpc";

/** How long a rendered page is kept; changes drop it sooner (the generation moves on). */
export const PAGE_TTL_SECONDS = 5 * 60;

/** A response body worth caching: only successful pages are stored. */
export type Rendered = { type: string; body: string };

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
  const hit = await cache.get<Rendered>(name);
  if (hit) return hit;
  const page = await render();
  if (page) await cache.set(name, page, PAGE_TTL_SECONDS);
  return page;
}
