// Satisfaction surveys: the delayed survey email.
import type { JobHandler } from "@supportdesk/queue";
import type { HandlerDeps } from "./mail-kit";

export function csatHandlers(_deps: HandlerDeps): Record<string, JobHandler> {
  return {
    "email.csat-survey": async () => ({ skipped: "not built yet" }),
  };
}
