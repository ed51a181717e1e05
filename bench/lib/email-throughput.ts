// Part 1 of bench:email, throughput: M small messages sent as fast as `--senders` pooled SMTP
// connections go, timed from the first send until every one is filed (its inbound_emails row no
// longer 'received': the status changes in the filing transaction, so its ticket or message is
// committed with it).
import { dbNow, type FiledSummary, filedSummary } from "./email-data";
import {
  type Costs,
  composeAll,
  meter,
  type SendResult,
  sendAll,
  steadyRate,
  untilFiled,
} from "./email-phase";
import { type EmailBenchContext, openDesk, warmUp } from "./email-run";
import { type InboundStages, inboundStages } from "./email-stages";

export type ThroughputRun = {
  label: string;
  workers: number;
  inboundConcurrency: number;
  messages: number;
  senders: number;
  send: SendResult;
  /** Accepted ÷ (first send → last 250). */
  acceptPerSecond: number;
  /** Filed ÷ (first send → every message filed). */
  committedPerSecond: number;
  steadyCommittedPerSecond: number;
  seconds: number;
  /** Messages still waiting when the last 250 came, and the time from then to the last filed. */
  backlogAtLastAccept: number;
  drainSeconds: number;
  complete: boolean;
  filed: FiledSummary;
  /** Where each inbound job's time went between the 250 and the end of its handler. */
  stages: InboundStages;
  /** From the first send to the last filing. */
  costs: Costs;
  failureLines: string[];
};

export async function measureThroughput(
  context: EmailBenchContext,
  workers: number,
  inboundConcurrency: number,
): Promise<ThroughputRun> {
  const { options, log } = context;
  const label = `t-w${workers}-c${inboundConcurrency}`;
  log(
    `throughput: ${options.messages} messages, ${workers} worker(s), inbound concurrency ${inboundConcurrency}`,
  );
  const desk = await openDesk(context, label, workers, inboundConcurrency);
  try {
    await warmUp(
      context,
      desk,
      Math.min(200, Math.max(40, options.messages / 10)),
      options.senders,
    );
    const mails = composeAll(context, desk, `t${workers}${inboundConcurrency}`);
    const since = await dbNow(context.owner.sql);
    const metered = await meter(context, desk);
    const counter = { accepted: 0 };
    const sending = sendAll(desk, mails, options.senders, counter);
    const waited = await untilFiled(context, desk, sending, counter);
    const send = await sending;
    const costs = await metered.finish(send.accepted);
    const filed = await filedSummary(context.owner.sql, desk.tenantIds, since, options.customers);
    const stages = await inboundStages(context.owner.sql, since, null);
    const seconds = (waited.doneAt - send.firstSendAt) / 1000;
    const processed = filed.statuses.processed ?? 0;
    const run: ThroughputRun = {
      label,
      workers,
      inboundConcurrency,
      messages: mails.length,
      senders: options.senders,
      send,
      acceptPerSecond: send.accepted / ((send.lastAcceptAt - send.firstSendAt) / 1000),
      committedPerSecond: processed / seconds,
      steadyCommittedPerSecond: steadyRate(waited.progress, send.accepted),
      seconds,
      backlogAtLastAccept: waited.leftAtLastAccept,
      drainSeconds: (waited.doneAt - send.lastAcceptAt) / 1000,
      complete: waited.complete && send.refused === 0,
      filed,
      stages,
      costs,
      failureLines: desk.workers.failureLines().slice(0, 5),
    };
    log(
      `  ${run.acceptPerSecond.toFixed(0)} accepted/s, ${run.committedPerSecond.toFixed(0)} filed/s ` +
        `(${seconds.toFixed(1)} s; backlog ${run.backlogAtLastAccept} at the last 250, drained in ` +
        `${run.drainSeconds.toFixed(1)} s); CPU ${JSON.stringify(costs.cpu)}`,
    );
    return run;
  } finally {
    await desk.close();
  }
}
