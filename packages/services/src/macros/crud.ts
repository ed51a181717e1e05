// Listing, creating, editing and deleting canned replies: anyone who replies keeps their own;
// the tenant's shared ones need `macro.manage` as well to create, change or delete.
import { desc, eq, macros, sql } from "@supportdesk/database";
import type { MacroActions } from "@supportdesk/domain";
import { audit } from "../audit";
import { authorize, type TenantScope } from "../context";
import {
  assertNameFree,
  checkActions,
  checkBody,
  checkName,
  findMacro,
  macroColumns,
  onNameViolation,
  personalOwner,
  toMacro,
  visibleTo,
} from "./rules";

/** The shared canned replies and the caller's own, most used first, then by name. */
export async function listMacros(scope: TenantScope) {
  authorize(scope, "ticket.reply");
  const rows = await scope.tx
    .select(macroColumns)
    .from(macros)
    .where(visibleTo(scope))
    .orderBy(desc(macros.usageCount), sql`lower(${macros.name})`, macros.id);
  return rows.map(toMacro);
}

export type MacroInput = {
  name: string;
  body?: string | undefined;
  /** Shared with the tenant (needs `macro.manage`), or the caller's own (the default). */
  shared?: boolean | undefined;
  actions?: MacroActions | undefined;
};

/** Creates a canned reply: the caller's own, or a shared one (`macro.manage`). */
export async function createMacro(scope: TenantScope, input: MacroInput) {
  authorize(scope, "ticket.reply");
  const shared = input.shared ?? false;
  if (shared) authorize(scope, "macro.manage");
  const ownerUserId = shared ? null : personalOwner(scope);
  const name = checkName(input.name);
  const body = checkBody(input.body ?? "");
  const actions = await checkActions(scope, input.actions);
  await assertNameFree(scope, name, ownerUserId);
  const [row] = await scope.tx
    .insert(macros)
    .values({ name, body, actions, ownerUserId, createdByUserId: scope.actor.userId })
    .returning(macroColumns)
    .catch(onNameViolation(ownerUserId));
  if (!row) throw new Error("macro insert returned nothing");
  await audit(scope, "macro.create", { type: "macro", id: row.id }, { name, shared });
  return toMacro(row);
}

/**
 * Edits a canned reply the caller can see; a shared one, or making one shared or personal again,
 * needs `macro.manage` too. Made personal, it becomes the caller's own. `actions` replaces all.
 */
export async function updateMacro(scope: TenantScope, input: Partial<MacroInput> & { id: string }) {
  authorize(scope, "ticket.reply");
  const current = await findMacro(scope, input.id, { forUpdate: true });
  const wasShared = current.ownerUserId === null;
  const shared = input.shared ?? wasShared;
  if (wasShared || shared) authorize(scope, "macro.manage");
  const ownerUserId = shared ? null : wasShared ? personalOwner(scope) : current.ownerUserId;
  const name = input.name !== undefined ? checkName(input.name) : current.name;
  const body = input.body !== undefined ? checkBody(input.body) : undefined;
  const actions =
    input.actions !== undefined ? await checkActions(scope, input.actions) : undefined;
  await assertNameFree(scope, name, ownerUserId, current.id);
  const [row] = await scope.tx
    .update(macros)
    .set({
      name,
      ownerUserId,
      ...(body !== undefined ? { body } : {}),
      ...(actions !== undefined ? { actions } : {}),
      updatedAt: new Date(),
    })
    .where(eq(macros.id, current.id))
    .returning(macroColumns)
    .catch(onNameViolation(ownerUserId));
  if (!row) throw new Error("macro update returned nothing");
  await audit(
    scope,
    "macro.update",
    { type: "macro", id: row.id },
    { fields: Object.keys(input).filter((key) => key !== "id"), shared },
  );
  return toMacro(row);
}

/** Deletes a canned reply the caller can see (a shared one needs `macro.manage` too). */
export async function deleteMacro(scope: TenantScope, input: { id: string }) {
  authorize(scope, "ticket.reply");
  const current = await findMacro(scope, input.id, { forUpdate: true });
  const shared = current.ownerUserId === null;
  if (shared) authorize(scope, "macro.manage");
  await scope.tx.delete(macros).where(eq(macros.id, current.id));
  await audit(
    scope,
    "macro.delete",
    { type: "macro", id: current.id },
    {
      name: current.name,
      shared,
    },
  );
  return { ok: true as const };
}
