// Ticket presence on the wire: what clients may send over /ws (validated), and the Redis channel on
// which server processes tell each other that a ticket's presence changed.
import type { Redis } from "@supportdesk/cache";
import { PRESENCE_TYPING_MODES, type PresenceClientMessage } from "@supportdesk/domain";
import { z } from "zod";
import type { PresenceKey } from "./presence-store";

export type { PresenceClientMessage };

const ticketOfTenant = { tenantId: z.uuid(), ticketId: z.uuid() };

/** The client messages; strict (an unknown key refuses the message). */
export const presenceClientMessageSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("presence.view"), ...ticketOfTenant }),
  z.strictObject({
    type: z.literal("presence.typing"),
    ...ticketOfTenant,
    mode: z.enum(PRESENCE_TYPING_MODES),
  }),
  z.strictObject({ type: z.literal("presence.leave"), ...ticketOfTenant }),
]) satisfies z.ZodType<PresenceClientMessage>;

/** More than any valid message takes; anything longer is refused before parsing. */
const MAX_MESSAGE_LENGTH = 512;

/**
 * A client's socket message as a presence message (ids lower-cased), or undefined for anything
 * else: not text, too long, not JSON, not one of the three shapes. Never throws.
 *
 * @example
 * const message = parsePresenceClientMessage(event.data);
 * if (!message) return; // ignored
 */
export function parsePresenceClientMessage(data: unknown): PresenceClientMessage | undefined {
  if (typeof data !== "string" || data.length > MAX_MESSAGE_LENGTH) return undefined;
  try {
    const result = presenceClientMessageSchema.safeParse(JSON.parse(data));
    if (!result.success) return undefined;
    return {
      ...result.data,
      tenantId: result.data.tenantId.toLowerCase(),
      ticketId: result.data.ticketId.toLowerCase(),
    };
  } catch {
    return undefined;
  }
}

/** The channel of presence changes: `{ tenantId, ticketId }`, never who or what changed. */
export const PRESENCE_CHANNEL = "sd:presence";

const changeSchema = z.strictObject(ticketOfTenant);

/** Tells every server process that the ticket's presence changed (they re-read it from Redis). */
export async function publishPresenceChange(redis: Redis, key: PresenceKey): Promise<void> {
  const { tenantId, ticketId } = changeSchema.parse(key);
  await redis.publish(PRESENCE_CHANNEL, JSON.stringify({ tenantId, ticketId }));
}

/** A change from the channel; undefined when malformed. */
export function parsePresenceChange(message: string): PresenceKey | undefined {
  try {
    const result = changeSchema.safeParse(JSON.parse(message));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
