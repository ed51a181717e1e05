// Checks on a rule beyond its shape: the input parsed with the shared schemas (errors name the
// path), and the people, teams and fields it refers to belonging to the tenant.
import { and, inArray, isNull, teams, ticketFields } from "@supportdesk/database";
import type { z } from "zod";
import type { TenantScope } from "../context";
import { AppError } from "../errors";
import { fieldColumns } from "../fields/definitions";
import { validateFieldValues } from "../fields/values";
import { ticketWorkers } from "../members";
import type { Action, Condition, Conditions } from "./schema";

/** Parses with a shared schema; the first problem is a BAD_REQUEST naming its path. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join(".") || "input";
  throw new AppError("BAD_REQUEST", `${field} ${issue?.message ?? "is not valid"}.`, { field });
}

const bad = (field: string, message: string) =>
  new AppError("BAD_REQUEST", `${field} ${message}`, { field });

/** Refuses references to people, teams or fields that are not the tenant's (naming the path). */
export async function checkReferences(
  scope: Pick<TenantScope, "tx" | "tenantId">,
  rule: { conditions: Conditions; actions: Action[] },
): Promise<void> {
  const users: [string, string][] = [];
  const teamRefs: [string, string][] = [];
  const fieldRefs: [string, string, Condition | Action][] = [];
  for (const group of ["all", "any"] as const) {
    rule.conditions[group].forEach((condition, index) => {
      const path = `conditions.${group}.${index}`;
      const values = Array.isArray(condition.value) ? condition.value : [condition.value];
      for (const value of values) {
        if (typeof value !== "string" || value === "none") continue;
        if (condition.field === "assignee") users.push([`${path}.value`, value]);
        if (condition.field === "team") teamRefs.push([`${path}.value`, value]);
      }
      if (condition.field.startsWith("field:")) {
        fieldRefs.push([`${path}.field`, condition.field.slice(6), condition]);
      }
    });
  }
  rule.actions.forEach((action, index) => {
    const path = `actions.${index}`;
    if (action.type === "set_assignee" && action.userId)
      users.push([`${path}.userId`, action.userId]);
    if (action.type === "set_team" && action.teamId)
      teamRefs.push([`${path}.teamId`, action.teamId]);
    if (action.type === "set_field") fieldRefs.push([`${path}.fieldId`, action.fieldId, action]);
    if (action.type === "notify") {
      for (const id of action.userIds ?? []) users.push([`${path}.userIds`, id]);
      for (const id of action.teamIds ?? []) teamRefs.push([`${path}.teamIds`, id]);
    }
  });
  if (users.length) {
    const workers = new Set(await ticketWorkers(scope.tx, scope.tenantId));
    const stranger = users.find(([, id]) => !workers.has(id));
    if (stranger) throw bad(stranger[0], "must be a member of this tenant who works tickets.");
  }
  if (teamRefs.length) {
    const found = await scope.tx
      .select({ id: teams.id })
      .from(teams)
      .where(inArray(teams.id, [...new Set(teamRefs.map(([, id]) => id))]));
    const known = new Set(found.map((t) => t.id));
    const missing = teamRefs.find(([, id]) => !known.has(id));
    if (missing) throw bad(missing[0], "is not a team of this tenant.");
  }
  if (fieldRefs.length) {
    const fields = await scope.tx
      .select(fieldColumns)
      .from(ticketFields)
      .where(
        and(
          inArray(ticketFields.id, [...new Set(fieldRefs.map(([, id]) => id))]),
          isNull(ticketFields.archivedAt),
        ),
      );
    for (const [path, id, ref] of fieldRefs) {
      const field = fields.find((f) => f.id === id);
      if (!field) throw bad(path, "is not a custom field of this tenant.");
      if ("op" in ref && (ref.op === "gt" || ref.op === "lt") && field.type !== "number") {
        throw bad(
          path.replace(/field$/, "op"),
          `gt and lt need a number field; ${field.label} is not one.`,
        );
      }
      if ("type" in ref && ref.type === "set_field") {
        try {
          validateFieldValues([field], { [id]: ref.value });
        } catch (error) {
          throw bad(
            path.replace(/fieldId$/, "value"),
            `is not a valid value for ${field.label}: ${(error as Error).message}`,
          );
        }
      }
    }
  }
}
