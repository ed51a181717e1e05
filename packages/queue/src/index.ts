// @supportdesk/queue: job definitions and the outbox producer (the relay and workers come next).
export {
  agentNotificationEmailJob,
  definePlatformJob,
  defineTenantJob,
  invitationJob,
  type JobDefinition,
  jobsByName,
  passwordResetJob,
  ticketCreatedEmailJob,
  ticketEventJob,
  ticketReplyEmailJob,
  verifyEmailJob,
} from "./jobs";
export { enqueue, JobPayloadError } from "./outbox";
