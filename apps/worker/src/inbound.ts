// The inbound job: one received email filed under its tenant (services' `email.processInbound`),
// with the ticket events it raises published by the notification worker as usual.
import { DEFAULT_JOB_OPTIONS, type JobHandler } from "@supportdesk/queue";
import { email } from "@supportdesk/services";
import { type HandlerDeps, str } from "./mail-kit";

const ATTEMPTS = DEFAULT_JOB_OPTIONS.attempts ?? 1;

export function inboundHandlers(deps: HandlerDeps): Record<string, JobHandler> {
  return {
    "email.inbound": async (job) => {
      const outcome = await email.processInbound(
        { db: deps.db, storage: deps.storage, inboundDomain: deps.inboundDomain },
        {
          tenantId: str(job.tenantId),
          inboundEmailId: str(job.payload.inboundEmailId),
          lastAttempt: job.attempt >= ATTEMPTS,
        },
      );
      job.log.info({ ...outcome }, "inbound email filed");
      return { ...outcome };
    },
  };
}
