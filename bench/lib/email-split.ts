// Part 2 of bench:email, where the time goes: the throughput part's messages with the 'inbound'
// queue paused (the receiver alone: SMTP, storage, the inbound row and its job), then resumed
// with no SMTP traffic (filing alone: relay, BullMQ, parsing, the filing transaction, and the
// jobs filing raises — the ticket event and the acknowledgement email).
import { createRedis } from "@supportdesk/cache";
import { openQueues } from "@supportdesk/queue";
import { type Costs, composeAll, meter, type SendResult, sendAll, untilFiled } from "./email-phase";
import { type EmailBenchContext, epochMs, openDesk, warmUp } from "./email-run";

export type SplitRun = {
  workers: number;
  inboundConcurrency: number;
  messages: number;
  /** Receiver alone (filing paused): accepted ÷ (first send → last 250). */
  acceptOnlyPerSecond: number;
  acceptOnly: SendResult;
  acceptCosts: Costs;
  /** Filing alone (no SMTP traffic): messages ÷ (resume → every one filed). */
  fileOnlyPerSecond: number;
  fileOnlySeconds: number;
  fileCosts: Costs;
  complete: boolean;
};

export async function measureSplit(
  context: EmailBenchContext,
  workers: number,
  inboundConcurrency: number,
): Promise<SplitRun> {
  const { options, log } = context;
  const label = `s-w${workers}-c${inboundConcurrency}`;
  log(
    `split: ${options.messages} messages with filing paused, then filing alone (${workers} worker(s))`,
  );
  const desk = await openDesk(context, label, workers, inboundConcurrency);
  const redis = createRedis(context.redisUrl, { name: "bench:pause", maxRetriesPerRequest: null });
  redis.on("error", () => {});
  const queues = openQueues(redis, desk.prefix);
  try {
    await warmUp(
      context,
      desk,
      Math.min(200, Math.max(40, options.messages / 10)),
      options.senders,
    );
    await queues.inbound.pause();
    const mails = composeAll(context, desk, `s${workers}${inboundConcurrency}`);
    const accepting = await meter(context, desk);
    const acceptOnly = await sendAll(desk, mails, options.senders);
    const acceptCosts = await accepting.finish(acceptOnly.accepted);
    await Bun.sleep(1000); // the relay moves the last jobs to the paused queue
    const filing = await meter(context, desk);
    const resumedAt = epochMs();
    await queues.inbound.resume();
    const waited = await untilFiled(context, desk, undefined, { accepted: acceptOnly.accepted });
    const fileCosts = await filing.finish(acceptOnly.accepted);
    const fileOnlySeconds = (waited.doneAt - resumedAt) / 1000;
    const run: SplitRun = {
      workers,
      inboundConcurrency,
      messages: mails.length,
      acceptOnlyPerSecond:
        acceptOnly.accepted / ((acceptOnly.lastAcceptAt - acceptOnly.firstSendAt) / 1000),
      acceptOnly,
      acceptCosts,
      fileOnlyPerSecond: acceptOnly.accepted / fileOnlySeconds,
      fileOnlySeconds,
      fileCosts,
      complete: waited.complete && acceptOnly.refused === 0,
    };
    log(
      `  receiver alone ${run.acceptOnlyPerSecond.toFixed(0)}/s (CPU ${JSON.stringify(acceptCosts.cpu)}); ` +
        `filing alone ${run.fileOnlyPerSecond.toFixed(0)}/s (CPU ${JSON.stringify(fileCosts.cpu)})`,
    );
    return run;
  } finally {
    await Promise.all(Object.values(queues).map((q) => q.close().catch(() => {})));
    redis.disconnect();
    await desk.close();
  }
}
