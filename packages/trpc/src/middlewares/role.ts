// The role guard: a tenant procedure for `role` or above.
import type { TenantRole } from "@supportdesk/database";
import { roleAtLeast } from "@supportdesk/services";
import { TRPCError } from "@trpc/server";
import type { TenantContext } from "../context";
import { middleware } from "../init";

const verbs: Record<TenantRole, string> = {
  viewer: "members of this tenant",
  member: "members who work tickets (not viewers)",
  admin: "admins and owners",
  owner: "owners",
};

/** Refuses with FORBIDDEN, saying who may, when the caller's role is below `role`. */
export function requireRoleMiddleware(role: TenantRole) {
  return middleware(function requireRole({ ctx, next }) {
    const current = (ctx as unknown as TenantContext).role;
    if (!roleAtLeast(current, role)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `Only ${verbs[role]} can do this; your role is ${current}.`,
      });
    }
    return next();
  });
}
