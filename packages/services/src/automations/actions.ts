// Doing a rule's actions on a ticket through the existing services (with the rule's system scope,
// so each change records its own event one level deeper), and the record of what was done.

import type { RealtimeEvent } from "@supportdesk/domain";
import { automationEmailJob, enqueue } from "@supportdesk/queue";
import type { TenantScope } from "../context";
import { setValues } from "../fields/ticket-values";
import { firstName, type MacroValues, renderMacro } from "../macros/render";
import { findTicket } from "../ticket-list";
import { addMessage, updateTicket } from "../tickets";
import { describeAction, type Names } from "./describe";
import type { Facts } from "./evaluate";
import { notifyAgents } from "./notify";
import type { Action } from "./schema";
import type { WebhookSender } from "./webhooks";

/** One action as the run log keeps it: what it was, in words, and what came of it. */
export type ActionTaken = { type: Action["type"]; description: string; result?: string };

export type ActionContext = {
  scope: TenantScope;
  runId: string;
  rule: { id: string; name: string };
  facts: Facts;
  names: Names;
  webhooks: WebhookSender;
  /** Where the realtime events of its notifications go, to be published after the commit. */
  events?: RealtimeEvent[] | undefined;
};

/** What the `{{…}}` placeholders of a rule's email and note become for this ticket. */
function placeholders(facts: Facts): MacroValues {
  return {
    "ticket.number": facts.ticket.number,
    "ticket.subject": facts.ticket.subject,
    "customer.name": facts.customer?.name ?? "",
    "customer.firstName": firstName(facts.customer?.name),
    "customer.email": facts.customer?.email ?? "",
  };
}

async function editTags(ctx: ActionContext, tags: string[], add: boolean): Promise<string> {
  const ticket = await findTicket(ctx.scope, ctx.facts.ticket.id);
  const next = add
    ? [...ticket.tags, ...tags.filter((tag) => !ticket.tags.includes(tag))]
    : ticket.tags.filter((tag) => !tags.includes(tag));
  await updateTicket(ctx.scope, { id: ticket.id, tags: next });
  return next.length === ticket.tags.length ? "unchanged" : "done";
}

async function perform(ctx: ActionContext, action: Action): Promise<string> {
  const { scope, facts } = ctx;
  const id = facts.ticket.id;
  switch (action.type) {
    case "set_status":
      await updateTicket(scope, { id, status: action.value });
      return "done";
    case "set_priority":
      await updateTicket(scope, { id, priority: action.value });
      return "done";
    case "set_assignee":
      await updateTicket(scope, { id, assigneeId: action.userId });
      return "done";
    case "set_team":
      await updateTicket(scope, { id, teamId: action.teamId });
      return "done";
    case "add_tags":
      return editTags(ctx, action.tags, true);
    case "remove_tags":
      return editTags(ctx, action.tags, false);
    case "set_field":
      await setValues(scope, { ticketId: id, values: { [action.fieldId]: action.value } });
      return "done";
    case "add_note":
      await addMessage(scope, {
        ticketId: id,
        body: renderMacro(action.body, placeholders(facts)),
        internal: true,
      });
      return "done";
    case "email_customer": {
      if (!facts.customer) return "skipped: the ticket has no customer";
      const values = placeholders(facts);
      await enqueue(scope.tx, automationEmailJob, {
        tenantId: scope.tenantId,
        ticketId: id,
        ruleId: ctx.rule.id,
        subject: renderMacro(action.subject, values).slice(0, 300) || "(no subject)",
        body: renderMacro(action.body, values).slice(0, 20_000) || " ",
      });
      return "queued";
    }
    case "notify": {
      const notified = await notifyAgents(scope.tx, scope.tenantId, {
        runId: ctx.runId,
        action,
        ruleName: ctx.rule.name,
        ticket: facts.ticket,
      });
      ctx.events?.push(...notified.events);
      return `notified ${notified.userIds.length}`;
    }
    case "webhook": {
      const { status } = await ctx.webhooks.deliver({
        url: action.url,
        tenantId: scope.tenantId,
        ruleId: ctx.rule.id,
        ticketId: id,
        payload: {
          rule: ctx.rule,
          ticket: {
            id,
            number: facts.ticket.number,
            subject: facts.ticket.subject,
            status: facts.ticket.status,
            priority: facts.ticket.priority,
          },
        },
      });
      return status;
    }
  }
}

/**
 * Does the actions in order; the first that fails throws (naming it), and the caller's
 * transaction rolls back every change the rule made.
 */
export async function applyActions(ctx: ActionContext, actions: Action[]): Promise<ActionTaken[]> {
  const taken: ActionTaken[] = [];
  for (const [index, action] of actions.entries()) {
    const description = describeAction(action, ctx.names);
    try {
      taken.push({ type: action.type, description, result: await perform(ctx, action) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`actions.${index} (${description}) failed: ${reason}`, { cause: error });
    }
  }
  return taken;
}
