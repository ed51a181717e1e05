// Realtime events: what workers publish through Redis and servers deliver over WebSockets.
import type { Redis } from "@supportdesk/cache";
import { REALTIME_EVENT_TYPES, type RealtimeEvent } from "@supportdesk/domain";
import { z } from "zod";

export type { RealtimeEvent };

/** The wire shape of `RealtimeEvent` (the domain module holds the type; this checks it). */
export const realtimeEventSchema = z.strictObject({
  type: z.enum(REALTIME_EVENT_TYPES),
  tenantId: z.uuid(),
  /** The users it is for; null means every member of the tenant. */
  userIds: z.array(z.uuid()).nullable(),
  payload: z.record(z.string(), z.unknown()),
}) satisfies z.ZodType<RealtimeEvent>;

/** The Redis pub/sub channel every server process subscribes to. */
export const EVENTS_CHANNEL = "sd:events";

/**
 * Publishes an event to every server process. Delivery re-checks membership per user, so an
 * event can never reach someone outside its tenant even if `userIds` is wrong.
 *
 * @example
 * await publishEvent(redis, { type: "ticket.created", tenantId, userIds: null, payload: { ticketId } });
 */
export async function publishEvent(redis: Redis, event: RealtimeEvent): Promise<void> {
  await redis.publish(EVENTS_CHANNEL, JSON.stringify(realtimeEventSchema.parse(event)));
}

/** Parses a message from the channel; undefined (and nothing delivered) when malformed. */
export function parseEvent(message: string): RealtimeEvent | undefined {
  try {
    const result = realtimeEventSchema.safeParse(JSON.parse(message));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
