// The audit trail: every tenant mutation writes one row in its own transaction.
import { auditLog, desc, lt } from "@supportdesk/database";
import { authorize, type TenantScope } from "./context";

/** What an audit row needs: the transaction and who acted (platform flows have no grant yet). */
export type AuditScope = Pick<TenantScope, "tx" | "actor"> & Partial<TenantScope>;

/**
 * Records `action` on `target` by the scope's actor, in the scope's transaction (so the row
 * exists if and only if the change does).
 *
 * @example
 * await audit(scope, "ticket.update", { type: "ticket", id: ticket.id }, { status: "closed" });
 */
export async function audit(
  scope: AuditScope,
  action: string,
  target: { type: string; id: string } | null,
  metadata: Record<string, unknown> = {},
): Promise<void> {
  await scope.tx.insert(auditLog).values({
    actorUserId: scope.actor.userId,
    actorApiKeyId: scope.actor.apiKeyId,
    action,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    ip: scope.actor.ip,
    userAgent: scope.actor.userAgent,
    metadata,
  });
}

/** A page of the tenant's audit trail, newest first; `before` is the last id of the previous page. */
export async function listAudit(
  scope: TenantScope,
  input: { limit: number; before?: string | undefined },
) {
  authorize(scope, "audit.read");
  const rows = await scope.tx
    .select()
    .from(auditLog)
    .where(input.before ? lt(auditLog.id, input.before) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(input.limit + 1);
  return {
    data: rows.slice(0, input.limit),
    nextCursor: rows.length > input.limit ? (rows[input.limit - 1]?.id ?? null) : null,
  };
}
