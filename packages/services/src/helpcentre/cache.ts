// The help centre's cache generation: pages are cached under it, and bumping it drops them all.

/** The Redis commands the generation needs (ioredis's client has them; services stay Redis-free). */
export type GenerationStore = {
  get(key: string): Promise<string | null>;
  incr(key: string): Promise<number>;
};

/**
 * The generation's key, in the tenant's cache namespace (`t:{tenantId}:`, as `tenantCache` of
 * @supportdesk/cache names it), so purging a tenant's cache removes it too. Pages live at
 * `t:{tenantId}:hc:{generation}:…`: after a bump no reader asks for the old ones, and their short
 * TTL clears them away.
 */
export const generationKey = (tenantId: string): string =>
  `t:${tenantId.toLowerCase()}:hc:generation`;

/**
 * Drops every cached help-centre page of a tenant (after an article, a category or the branding
 * changed). Never throws: with Redis down the change shows once the pages' TTL runs out.
 */
export async function forgetHelpCentre(
  deps: { redis: GenerationStore; log?: { warn(obj: object, msg: string): void } },
  tenantId: string,
): Promise<void> {
  try {
    await deps.redis.incr(generationKey(tenantId));
  } catch (error) {
    deps.log?.warn({ err: (error as Error).message, tenantId }, "help centre cache not dropped");
  }
}
