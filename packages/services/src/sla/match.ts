// Which SLA policy applies to a ticket, and its target for each metric at the ticket's priority.
import { asc, eq, slaPolicies, type TenantDb } from "@supportdesk/database";
import type { SlaMetric, SlaTarget, SlaTargets, TicketPriority } from "@supportdesk/domain";

export type PolicyRow = {
  id: string;
  name: string;
  businessHoursId: string | null;
  inquiryTypeIds: string[];
  teamIds: string[];
  tags: string[];
  targets: SlaTargets;
  warnMinutes: number;
};

/** What matching needs of a ticket. */
export type MatchFacts = {
  priority: TicketPriority;
  teamId: string | null;
  tags: string[];
  inquiryTypeId: string | null;
};

/** The tenant's enabled policies, first to last. */
export async function enabledPolicies(tx: TenantDb): Promise<PolicyRow[]> {
  const rows = await tx
    .select({
      id: slaPolicies.id,
      name: slaPolicies.name,
      businessHoursId: slaPolicies.businessHoursId,
      inquiryTypeIds: slaPolicies.inquiryTypeIds,
      teamIds: slaPolicies.teamIds,
      tags: slaPolicies.tags,
      targets: slaPolicies.targets,
      warnMinutes: slaPolicies.warnMinutes,
    })
    .from(slaPolicies)
    .where(eq(slaPolicies.enabled, true))
    .orderBy(asc(slaPolicies.position), asc(slaPolicies.createdAt));
  return rows.map((row) => ({ ...row, targets: row.targets as SlaTargets }));
}

/** The targets a policy sets for a priority (empty when it sets none). */
export function targetsFor(
  policy: PolicyRow,
  priority: TicketPriority,
): Partial<Record<SlaMetric, SlaTarget>> {
  return policy.targets[priority] ?? {};
}

/**
 * The first policy (in order) whose filters all match — each empty filter matches anything, tags
 * match when the ticket has any of them — and that has a target for the ticket's priority.
 */
export function matchPolicy(policies: PolicyRow[], ticket: MatchFacts): PolicyRow | null {
  for (const policy of policies) {
    if (
      policy.inquiryTypeIds.length > 0 &&
      !policy.inquiryTypeIds.includes(ticket.inquiryTypeId ?? "")
    )
      continue;
    if (policy.teamIds.length > 0 && !policy.teamIds.includes(ticket.teamId ?? "")) continue;
    if (policy.tags.length > 0 && !policy.tags.some((tag) => ticket.tags.includes(tag))) continue;
    if (Object.keys(targetsFor(policy, ticket.priority)).length === 0) continue;
    return policy;
  }
  return null;
}
