// @supportdesk/queue: job definitions and the outbox producer (the relay and workers come next).
export {
  definePlatformJob,
  defineTenantJob,
  invitationJob,
  type JobDefinition,
  passwordResetJob,
  verifyEmailJob,
} from "./jobs";
export { enqueue, JobPayloadError } from "./outbox";
