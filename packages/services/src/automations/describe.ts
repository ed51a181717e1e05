// Actions in words ("Set team to Billing"), for the run log and the preview: the names of the
// people, teams and fields they refer to, read in one go.
import { inArray, type TenantDb, teams, ticketFields, users } from "@supportdesk/database";
import type { Action } from "./schema";

export type Names = {
  users: Map<string, string>;
  teams: Map<string, string>;
  fields: Map<string, string>;
};

/** The names of what these actions refer to (only what they name is read). */
export async function loadNames(tx: TenantDb, actions: readonly Action[]): Promise<Names> {
  const userIds = new Set<string>();
  const teamIds = new Set<string>();
  const fieldIds = new Set<string>();
  for (const action of actions) {
    if (action.type === "set_assignee" && action.userId) userIds.add(action.userId);
    if (action.type === "set_team" && action.teamId) teamIds.add(action.teamId);
    if (action.type === "set_field") fieldIds.add(action.fieldId);
    if (action.type === "notify") {
      for (const id of action.userIds ?? []) userIds.add(id);
      for (const id of action.teamIds ?? []) teamIds.add(id);
    }
  }
  const pairs = async (
    ids: Set<string>,
    read: (ids: string[]) => Promise<{ id: string; name: string }[]>,
  ) => new Map(ids.size ? (await read([...ids])).map((r) => [r.id, r.name] as const) : []);
  return {
    users: await pairs(userIds, (ids) =>
      tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)),
    ),
    teams: await pairs(teamIds, (ids) =>
      tx.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, ids)),
    ),
    fields: await pairs(fieldIds, (ids) =>
      tx
        .select({ id: ticketFields.id, name: ticketFields.label })
        .from(ticketFields)
        .where(inArray(ticketFields.id, ids)),
    ),
  };
}

const quote = (text: string, max = 60) =>
  `“${text.length > max ? `${text.slice(0, max - 1)}…` : text}”`;
const nameOf = (map: Map<string, string>, id: string, what: string) =>
  map.get(id) ?? `a ${what} no longer here`;

/**
 * One action in words.
 *
 * @example
 * describeAction({ type: "set_priority", value: "high" }, names); // "Set priority to high"
 */
export function describeAction(action: Action, names: Names): string {
  switch (action.type) {
    case "set_status":
      return `Set status to ${action.value}`;
    case "set_priority":
      return `Set priority to ${action.value}`;
    case "set_assignee":
      return action.userId
        ? `Assign to ${nameOf(names.users, action.userId, "person")}`
        : "Unassign";
    case "set_team":
      return action.teamId
        ? `Set team to ${nameOf(names.teams, action.teamId, "team")}`
        : "Remove the team";
    case "add_tags":
      return `Add tags: ${action.tags.join(", ")}`;
    case "remove_tags":
      return `Remove tags: ${action.tags.join(", ")}`;
    case "set_field": {
      const label = nameOf(names.fields, action.fieldId, "field");
      if (action.value === null) return `Clear ${label}`;
      const value = Array.isArray(action.value) ? action.value.join(", ") : String(action.value);
      return `Set ${label} to ${value}`;
    }
    case "add_note":
      return `Add an internal note: ${quote(action.body)}`;
    case "email_customer":
      return `Email the customer: ${quote(action.subject)}`;
    case "notify": {
      const who = [
        ...(action.userIds ?? []).map((id) => nameOf(names.users, id, "person")),
        ...(action.teamIds ?? []).map((id) => `team ${nameOf(names.teams, id, "team")}`),
      ];
      return `Notify ${who.join(", ")}: ${quote(action.message)}`;
    }
    case "webhook":
      return `Call the webhook ${action.url}`;
  }
}
