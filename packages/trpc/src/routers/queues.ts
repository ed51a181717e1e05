// queues: health of the job system, for platform operators (not a tenant role).
import { eq, users } from "@supportdesk/database";
import { queueStats } from "@supportdesk/queue";
import { TRPCError } from "@trpc/server";
import { router, userProcedure } from "../trpc";

/** A signed-in user flagged `platform_admin` (checked on every call; such calls are rare). */
const platformAdminProcedure = userProcedure.use(async function platformAdmin({ ctx, next }) {
  const [user] = await ctx.deps.db.platform
    .select({ platformAdmin: users.platformAdmin })
    .from(users)
    .where(eq(users.id, ctx.principal.userId));
  if (!user?.platformAdmin) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Only platform operators can see queue stats.",
    });
  }
  return next();
});

export const queuesRouter = router({
  /** Waiting/active/failed/delayed per queue, and the outbox backlog per tenant. */
  stats: platformAdminProcedure.query(({ ctx }) => {
    if (!ctx.deps.queues) {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: "This server process has no queue connection.",
      });
    }
    return queueStats(ctx.deps.db, ctx.deps.queues);
  }),
});
