// Listing, creating, editing, reordering, switching and deleting automation rules (permission
// automation.manage). Names are unique per tenant ignoring case; a time rule keeps the sweep going.
import { and, asc, automationRules, eq, isUuid, ne, sql } from "@supportdesk/database";
import { audit } from "../audit";
import { authorize, type TenantScope } from "../context";
import { AppError, notFound } from "../errors";
import { scheduleSweep } from "../service-levels-sweep";
import { checkReferences, parse } from "./checks";
import {
  type Action,
  type Conditions,
  conditionsSchema,
  type RuleInput,
  type RuleUpdate,
  ruleInputSchema,
  ruleUpdateSchema,
  type Trigger,
} from "./schema";

export const ruleColumns = {
  id: automationRules.id,
  name: automationRules.name,
  description: automationRules.description,
  enabled: automationRules.enabled,
  position: automationRules.position,
  triggerType: automationRules.triggerType,
  trigger: automationRules.trigger,
  conditions: automationRules.conditions,
  actions: automationRules.actions,
  createdAt: automationRules.createdAt,
  updatedAt: automationRules.updatedAt,
};
type RuleRow = { [K in keyof typeof ruleColumns]: (typeof ruleColumns)[K]["_"]["data"] };

/** A rule as clients get it (its trigger, conditions and actions in the schemas' shapes). */
export function toRule(row: RuleRow) {
  const conditions = row.conditions as Partial<Conditions>;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    enabled: row.enabled,
    position: row.position,
    trigger: row.trigger as Trigger,
    conditions: { all: conditions.all ?? [], any: conditions.any ?? [] } as Conditions,
    actions: row.actions as Action[],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type Rule = ReturnType<typeof toRule>;

/** A rule of the tenant, or NOT_FOUND. */
export async function findRule(scope: Pick<TenantScope, "tx">, id: string, forUpdate = false) {
  if (!isUuid(id)) throw notFound("Automation rule");
  const query = scope.tx
    .select(ruleColumns)
    .from(automationRules)
    .where(eq(automationRules.id, id));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("Automation rule");
  return row;
}

const nameTaken = () =>
  new AppError("CONFLICT", "An automation rule with that name already exists; choose another.", {
    field: "name",
  });

async function assertNameFree(scope: TenantScope, name: string, exceptId?: string) {
  const [row] = await scope.tx
    .select({ id: automationRules.id })
    .from(automationRules)
    .where(
      and(
        sql`lower(${automationRules.name}) = lower(${name})`,
        exceptId ? ne(automationRules.id, exceptId) : undefined,
      ),
    );
  if (row) throw nameTaken();
}

const onViolation = (error: unknown): never => {
  const code =
    (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
  if (code === "23505") throw nameTaken();
  throw error;
};

async function afterWrite(scope: TenantScope, rule: Rule) {
  if (rule.enabled && rule.trigger.type === "time") await scheduleSweep(scope.tx, scope.tenantId);
}

/** The tenant's rules in the order they run. */
export async function listRules(scope: TenantScope) {
  authorize(scope, "automation.manage");
  const rows = await scope.tx
    .select(ruleColumns)
    .from(automationRules)
    .orderBy(
      asc(automationRules.position),
      asc(automationRules.createdAt),
      asc(automationRules.id),
    );
  return rows.map(toRule);
}

/** Creates a rule, last in the order (enabled unless it says otherwise). */
export async function createRule(scope: TenantScope, input: RuleInput) {
  authorize(scope, "automation.manage");
  const rule = parse(ruleInputSchema, input);
  const conditions = rule.conditions ?? { all: [], any: [] };
  await checkReferences(scope, { conditions, actions: rule.actions });
  await assertNameFree(scope, rule.name);
  const [row] = await scope.tx
    .insert(automationRules)
    .values({
      name: rule.name,
      description: rule.description ?? "",
      enabled: rule.enabled ?? true,
      position: sql`(select coalesce(max(${automationRules.position}), -1) + 1 from ${automationRules})`,
      triggerType: rule.trigger.type,
      trigger: rule.trigger,
      conditions,
      actions: rule.actions,
      createdByUserId: scope.actor.userId,
    })
    .returning(ruleColumns)
    .catch(onViolation);
  if (!row) throw new Error("rule insert returned nothing");
  const created = toRule(row);
  await audit(
    scope,
    "automation.create",
    { type: "automation_rule", id: row.id },
    { name: row.name },
  );
  await afterWrite(scope, created);
  return created;
}

/** Edits a rule; what is given replaces what it had (conditions and actions as a whole). */
export async function updateRule(scope: TenantScope, input: RuleUpdate) {
  authorize(scope, "automation.manage");
  const changes = parse(ruleUpdateSchema, input);
  const current = toRule(await findRule(scope, changes.id, true));
  const conditions = changes.conditions ?? current.conditions;
  const actions = changes.actions ?? current.actions;
  parse(conditionsSchema, conditions);
  await checkReferences(scope, { conditions, actions });
  const name = changes.name ?? current.name;
  await assertNameFree(scope, name, current.id);
  const trigger = changes.trigger ?? current.trigger;
  const [row] = await scope.tx
    .update(automationRules)
    .set({
      name,
      description: changes.description ?? current.description,
      enabled: changes.enabled ?? current.enabled,
      triggerType: trigger.type,
      trigger,
      conditions,
      actions,
      updatedAt: new Date(),
    })
    .where(eq(automationRules.id, current.id))
    .returning(ruleColumns)
    .catch(onViolation);
  if (!row) throw notFound("Automation rule");
  const updated = toRule(row);
  await audit(
    scope,
    "automation.update",
    { type: "automation_rule", id: row.id },
    { fields: Object.keys(input).filter((key) => key !== "id") },
  );
  await afterWrite(scope, updated);
  return updated;
}

/** Puts the rules in the given order: `ids` must name every rule of the tenant, once. */
export async function reorderRules(scope: TenantScope, input: { ids: string[] }) {
  authorize(scope, "automation.manage");
  const existing = await scope.tx
    .select({ id: automationRules.id })
    .from(automationRules)
    .for("update");
  const known = new Set(existing.map((r) => r.id));
  const given = new Set(input.ids);
  if (
    given.size !== input.ids.length ||
    given.size !== known.size ||
    input.ids.some((id) => !known.has(id))
  ) {
    throw new AppError(
      "BAD_REQUEST",
      "ids must list every automation rule exactly once; reload and try again.",
      {
        field: "ids",
      },
    );
  }
  for (const [position, id] of input.ids.entries()) {
    await scope.tx.update(automationRules).set({ position }).where(eq(automationRules.id, id));
  }
  await audit(scope, "automation.reorder", null, { ids: input.ids });
  return listRules(scope);
}

/** Switches a rule on or off. */
export async function toggleRule(scope: TenantScope, input: { id: string; enabled: boolean }) {
  authorize(scope, "automation.manage");
  const current = await findRule(scope, input.id, true);
  const [row] = await scope.tx
    .update(automationRules)
    .set({ enabled: input.enabled, updatedAt: new Date() })
    .where(eq(automationRules.id, current.id))
    .returning(ruleColumns);
  if (!row) throw notFound("Automation rule");
  const rule = toRule(row);
  await audit(
    scope,
    "automation.toggle",
    { type: "automation_rule", id: row.id },
    { enabled: input.enabled },
  );
  await afterWrite(scope, rule);
  return rule;
}

/** Deletes a rule and its run log. */
export async function deleteRule(scope: TenantScope, input: { id: string }) {
  authorize(scope, "automation.manage");
  const current = await findRule(scope, input.id, true);
  await scope.tx.delete(automationRules).where(eq(automationRules.id, current.id));
  await audit(
    scope,
    "automation.delete",
    { type: "automation_rule", id: current.id },
    { name: current.name },
  );
  return { ok: true as const };
}
