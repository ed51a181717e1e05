// SLA policies (permission `sla.manage`): list in order, create, edit, delete, reorder. Creating
// or enabling one starts the tenant's sweep chain (warnings and breaches).
import { asc, eq, inArray, slaPolicies, sql } from "@supportdesk/database";
import type { SlaTargets } from "@supportdesk/domain";
import { audit } from "../audit";
import { authorize, type TenantScope } from "../context";
import { AppError, notFound } from "../errors";
import { scheduleSweep } from "../service-levels-sweep";
import {
  checkCalendar,
  checkName,
  checkTargets,
  checkTeams,
  checkWarnMinutes,
  cleanList,
  nameTaken,
} from "./policy-rules";

export type PolicyInput = {
  name: string;
  description?: string | undefined;
  enabled?: boolean | undefined;
  businessHoursId?: string | null | undefined;
  inquiryTypeIds?: string[] | undefined;
  teamIds?: string[] | undefined;
  tags?: string[] | undefined;
  targets: SlaTargets;
  warnMinutes?: number | undefined;
};

const columns = {
  id: slaPolicies.id,
  name: slaPolicies.name,
  description: slaPolicies.description,
  enabled: slaPolicies.enabled,
  position: slaPolicies.position,
  businessHoursId: slaPolicies.businessHoursId,
  inquiryTypeIds: slaPolicies.inquiryTypeIds,
  teamIds: slaPolicies.teamIds,
  tags: slaPolicies.tags,
  targets: slaPolicies.targets,
  warnMinutes: slaPolicies.warnMinutes,
  createdAt: slaPolicies.createdAt,
  updatedAt: slaPolicies.updatedAt,
};

type Row = { targets: Record<string, unknown> };
const typed = <T extends Row>(row: T) => ({ ...row, targets: row.targets as SlaTargets });

/** The tenant's policies, in the order they are tried. */
export async function listPolicies(scope: TenantScope) {
  authorize(scope, "sla.manage");
  const rows = await scope.tx
    .select(columns)
    .from(slaPolicies)
    .orderBy(asc(slaPolicies.position), asc(slaPolicies.createdAt));
  return rows.map(typed);
}

/** Creates a policy, tried after the existing ones. */
export async function createPolicy(scope: TenantScope, input: PolicyInput) {
  authorize(scope, "sla.manage");
  const targets = checkTargets(input.targets);
  checkWarnMinutes(input.warnMinutes);
  await checkCalendar(scope.tx, input.businessHoursId);
  const teamIds = await checkTeams(scope.tx, input.teamIds);
  const [last] = await scope.tx
    .select({ position: sql<number>`coalesce(max(${slaPolicies.position}), -1)::int` })
    .from(slaPolicies);
  const [row] = await scope.tx
    .insert(slaPolicies)
    .values({
      name: checkName(input.name),
      description: input.description?.trim() ?? "",
      enabled: input.enabled ?? true,
      position: (last?.position ?? -1) + 1,
      businessHoursId: input.businessHoursId ?? null,
      inquiryTypeIds: cleanList(input.inquiryTypeIds) ?? [],
      teamIds: teamIds ?? [],
      tags: cleanList(input.tags) ?? [],
      targets,
      ...(input.warnMinutes !== undefined ? { warnMinutes: input.warnMinutes } : {}),
    })
    .returning(columns)
    .catch(nameTaken);
  if (!row) throw new Error("policy insert returned nothing");
  await audit(scope, "sla_policy.create", { type: "sla_policy", id: row.id }, { name: row.name });
  if (row.enabled) await scheduleSweep(scope.tx, scope.tenantId);
  return typed(row);
}

/** Edits a policy (only what is given). Tickets keep their clocks until they change. */
export async function updatePolicy(
  scope: TenantScope,
  input: Partial<PolicyInput> & { id: string },
) {
  authorize(scope, "sla.manage");
  const targets = input.targets !== undefined ? checkTargets(input.targets) : undefined;
  checkWarnMinutes(input.warnMinutes);
  await checkCalendar(scope.tx, input.businessHoursId);
  const teamIds = await checkTeams(scope.tx, input.teamIds);
  const inquiryTypeIds = cleanList(input.inquiryTypeIds);
  const tags = cleanList(input.tags);
  const [row] = await scope.tx
    .update(slaPolicies)
    .set({
      ...(input.name !== undefined ? { name: checkName(input.name) } : {}),
      ...(input.description !== undefined ? { description: input.description.trim() } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(input.businessHoursId !== undefined ? { businessHoursId: input.businessHoursId } : {}),
      ...(inquiryTypeIds !== undefined ? { inquiryTypeIds } : {}),
      ...(teamIds !== undefined ? { teamIds } : {}),
      ...(tags !== undefined ? { tags } : {}),
      ...(targets !== undefined ? { targets } : {}),
      ...(input.warnMinutes !== undefined ? { warnMinutes: input.warnMinutes } : {}),
      updatedAt: new Date(),
    })
    .where(eq(slaPolicies.id, input.id))
    .returning(columns)
    .catch(nameTaken);
  if (!row) throw notFound("SLA policy");
  await audit(scope, "sla_policy.update", { type: "sla_policy", id: row.id }, { name: row.name });
  if (row.enabled) await scheduleSweep(scope.tx, scope.tenantId);
  return typed(row);
}

/** Deletes a policy; the clocks it started stay as history (and keep running until met). */
export async function deletePolicy(scope: TenantScope, input: { id: string }) {
  authorize(scope, "sla.manage");
  const [row] = await scope.tx
    .delete(slaPolicies)
    .where(eq(slaPolicies.id, input.id))
    .returning({ id: slaPolicies.id, name: slaPolicies.name });
  if (!row) throw notFound("SLA policy");
  await audit(scope, "sla_policy.delete", { type: "sla_policy", id: row.id }, { name: row.name });
  return { ok: true as const };
}

/** Puts the listed policies first, in this order (the others keep theirs after them). */
export async function reorderPolicies(scope: TenantScope, input: { ids: string[] }) {
  authorize(scope, "sla.manage");
  const ids = [...new Set(input.ids)];
  const found = ids.length
    ? await scope.tx
        .select({ id: slaPolicies.id })
        .from(slaPolicies)
        .where(inArray(slaPolicies.id, ids))
    : [];
  if (found.length !== ids.length) {
    throw new AppError("BAD_REQUEST", "ids must be SLA policies of this tenant.", { field: "ids" });
  }
  const rest = (await listPolicies(scope)).filter((p) => !ids.includes(p.id)).map((p) => p.id);
  const order = [...ids, ...rest];
  for (const [position, id] of order.entries()) {
    await scope.tx.update(slaPolicies).set({ position }).where(eq(slaPolicies.id, id));
  }
  await audit(scope, "sla_policy.reorder", null, { ids: order });
  return listPolicies(scope);
}
