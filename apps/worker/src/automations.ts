// Automation rules: an event's rules in order (services' automations) and their customer emails.
import type { JobHandler } from "@supportdesk/queue";
import type { HandlerDeps } from "./mail-kit";

export function automationsHandlers(_deps: HandlerDeps): Record<string, JobHandler> {
  return {
    "automation.event": async () => ({ skipped: "not built yet" }),
    "email.automation": async () => ({ skipped: "not built yet" }),
  };
}
