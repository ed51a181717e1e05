// notifications: the signed-in user's inbox in the current tenant, and what they want to be told.
import { notifications, signedInUser } from "@supportdesk/services";
import { z } from "zod";
import { router, tenantProcedure } from "../trpc";
import { cursor, id, perPage } from "./schemas";

/** Any member, viewers included, but a person: an API key has no inbox. ctx gets `userId`. */
const inboxProcedure = tenantProcedure.use(function inboxOwner({ ctx, next }) {
  return next({ ctx: { userId: signedInUser(ctx) } });
});

const eventType = z.enum(notifications.NOTIFICATION_TYPES);

export const notificationsRouter = router({
  list: inboxProcedure
    .input(
      z
        .object({ cursor, perPage, unreadOnly: z.boolean().default(false) })
        .default({ perPage: 25, unreadOnly: false }),
    )
    .query(({ ctx, input }) =>
      ctx.run((scope) => notifications.listNotifications(scope, ctx.userId, input)),
    ),
  unreadCount: inboxProcedure.query(({ ctx }) =>
    ctx.run((scope) => notifications.unreadCount(scope, ctx.userId)),
  ),
  markRead: inboxProcedure
    .input(
      z.object({
        ids: z
          .array(id)
          .min(1, { error: "must name at least one notification" })
          .max(200, { error: "may name at most 200 notifications" }),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.run((scope) => notifications.markRead(scope, ctx.userId, input)),
    ),
  markAllRead: inboxProcedure.mutation(({ ctx }) =>
    ctx.run((scope) => notifications.markAllRead(scope, ctx.userId)),
  ),
  preferences: router({
    get: inboxProcedure.query(({ ctx }) =>
      ctx.run((scope) => notifications.getPreferences(scope, ctx.userId)),
    ),
    update: inboxProcedure
      .input(
        z.object({
          preferences: z
            .array(z.object({ eventType, inApp: z.boolean(), email: z.boolean() }))
            .min(1, { error: "must hold at least one preference" })
            .max(notifications.NOTIFICATION_TYPES.length * 2),
        }),
      )
      .mutation(({ ctx, input }) =>
        ctx.run((scope) => notifications.updatePreferences(scope, ctx.userId, input.preferences)),
      ),
  }),
});
