// The BullMQ queues and the options every job gets (retries with exponential backoff, kept failures).
import type { Redis } from "@supportdesk/cache";
import { type JobsOptions, Queue } from "bullmq";

/**
 * `email`: mail we send; `notification`: ticket events; `inbound`: received mail, one job per
 * message, on its own queue so a flood of (or one huge) inbound message never holds up replies;
 * `automation`: automation rules, service-level sweeps and report rollups, so rules and their
 * timers never wait behind notification fan-out (and the reverse).
 */
export const QUEUE_NAMES = ["email", "notification", "inbound", "automation"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * Every job retries 8 times with exponential backoff (1 s, 2 s, 4 s … ~2 min); failed jobs stay
 * visible (not removed) for inspection; completed ones are kept a day so that a relay retry
 * with the same job id is recognised as a duplicate rather than run again.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: "exponential", delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 200_000 },
  removeOnFail: false,
};

/** BullMQ's key prefix; tests use their own so runs never share queues. */
export const DEFAULT_PREFIX = "bull";

/** One Queue handle per queue name on `connection` (BullMQ wants `maxRetriesPerRequest: null`). */
export function openQueues(
  connection: Redis,
  prefix = DEFAULT_PREFIX,
  onError: (error: Error) => void = () => {},
): Record<QueueName, Queue> {
  return Object.fromEntries(
    QUEUE_NAMES.map((name) => {
      const queue = new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      // Connection errors also surface as failed calls, which the relay handles; this keeps
      // them from being reported as unhandled.
      queue.on("error", onError);
      return [name, queue];
    }),
  ) as Record<QueueName, Queue>;
}
