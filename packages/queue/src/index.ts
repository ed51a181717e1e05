// @supportdesk/queue: job definitions, the outbox producer, relay and purge, and the worker runtime.
export {
  accountExistsJob,
  agentNotificationEmailJob,
  definePlatformJob,
  defineTenantJob,
  inboundEmailJob,
  invitationJob,
  type JobDefinition,
  jobsByName,
  passwordResetJob,
  ticketCreatedEmailJob,
  ticketEventJob,
  ticketReplyEmailJob,
  verifyEmailJob,
} from "./jobs";
export { teamAssignmentJob } from "./jobs-assignment";
export { BULK_JOB_IDS_MAX, bulkUpdateJob } from "./jobs-bulk";
export {
  automationEmailJob,
  automationEventJob,
  csatSurveyEmailJob,
  reportFactJob,
  serviceLevelSweepJob,
  sweepKey,
} from "./jobs-service-levels";
export { type EnqueueOptions, enqueue, JobPayloadError } from "./outbox";
export {
  DEFAULT_JOB_OPTIONS,
  DEFAULT_PREFIX,
  openQueues,
  QUEUE_NAMES,
  type QueueName,
} from "./queues";
export { createLanes, type Lanes, type Relay, type RelayOptions, startRelay } from "./relay";
export { type OutboxPurge, type PurgeResult, purgeDispatched, startOutboxPurge } from "./retention";
export { type Keyring, openPayload, parseKeyring, SealError, sealPayload } from "./sealed";
export { type QueueStats, queueStats } from "./stats";
export {
  type JobContext,
  type JobHandler,
  runOnce,
  startWorkers,
  type WorkerOptions,
  type Workers,
} from "./worker";
