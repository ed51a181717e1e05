// Automation rules (seed 001's workflows): the vocabulary (schema.ts), their CRUD, the engine the
// worker runs per event, time triggers for the sweep, the preview and the run log.
export type { ActionTaken } from "./actions";
export {
  createRule,
  deleteRule,
  listRules,
  type Rule,
  reorderRules,
  toggleRule,
  updateRule,
} from "./crud";
export {
  type AutomationEvent,
  type EngineDeps,
  MAX_DEPTH,
  RATE_PER_MINUTE,
  type RunOutcome,
} from "./engine";
export { runAutomationEvent } from "./event-run";
export { hasTimeRules, sweepTimeTriggers } from "./hooks";
export { PREVIEW_TICKETS, previewRule } from "./preview";
export { listRuns, RUNS_PER_PAGE } from "./runs";
export * from "./schema";
export { sweepTime, TIME_BATCH, timeKey } from "./time";
export { stubWebhookSender, type WebhookDelivery, type WebhookSender } from "./webhooks";
