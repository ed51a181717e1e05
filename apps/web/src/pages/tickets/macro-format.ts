// Saying what a canned reply does, for people ("set status to pending, add tag billing"), and
// which of a body's placeholders are not known (they are sent as written).
import { MACRO_PLACEHOLDERS, type MacroActions } from "@supportdesk/domain";

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\s*\}\}/g;

/** The placeholders a body uses that are not known, each once (the server leaves them as written). */
export function unknownPlaceholders(body: string): string[] {
  const names = [...body.matchAll(PLACEHOLDER)].map((match) => match[1] ?? "");
  return [...new Set(names.filter((name) => !Object.hasOwn(MACRO_PLACEHOLDERS, name)))];
}

/** `{{name}}`, as a body holds a placeholder. */
export const placeholderText = (name: string) => `{{${name}}}`;

/**
 * What applying the actions does, one phrase each, in a stable order.
 *
 * @example
 * describeActions({ status: "pending", addTags: ["billing"] }); // ["set status to pending", "add tag billing"]
 */
export function describeActions(
  actions: MacroActions,
  /** `meId`: the signed-in user; `applying`: said to whoever is using it now ("assign to you"). */
  options: { meId?: string | null | undefined; applying?: boolean } = {},
): string[] {
  const out: string[] = [];
  if (actions.status) out.push(`set status to ${actions.status}`);
  if (actions.priority) out.push(`set priority to ${actions.priority}`);
  const tags = actions.addTags ?? [];
  if (tags.length > 0) out.push(`add ${tags.length === 1 ? "tag" : "tags"} ${tags.join(", ")}`);
  if (actions.assignee !== undefined) {
    if (actions.assignee === null) out.push("unassign");
    else if (actions.assignee === "me") {
      out.push(options.applying ? "assign to you" : "assign to whoever uses it");
    } else out.push(actions.assignee === options.meId ? "assign to you" : "assign to a teammate");
  }
  if (actions.teamId !== undefined)
    out.push(actions.teamId === null ? "remove the team" : "set the team");
  return out;
}

/** The phrases joined for a sentence ("set status to pending and add tag x"), "" for none. */
export function actionsSentence(phrases: readonly string[]): string {
  if (phrases.length <= 1) return phrases[0] ?? "";
  return `${phrases.slice(0, -1).join(", ")} and ${phrases[phrases.length - 1]}`;
}
