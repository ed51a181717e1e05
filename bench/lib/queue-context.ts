// What every part of bench:queue works with: the bench database, the Redis, a work directory.
import type { BenchUrls } from "./db-setup";
import type { Db } from "./queue-db";

export type QueueBenchContext = {
  urls: BenchUrls;
  /** An owner-role connection to the bench database (for setup and for reading results). */
  owner: Db;
  /** The Redis the worker and server use (a private redis-server unless BENCH_REDIS_URL). */
  redisUrl: string;
  /** A lowercase id unique to this run (BullMQ prefixes, event markers). */
  runId: string;
  /** Logs and scratch files of this run (kept when the run fails). */
  workDir: string;
  log: (line: string) => void;
};

/** Epoch milliseconds with sub-millisecond precision (comparable across processes). */
export const epochMs = (): number => performance.timeOrigin + performance.now();

/** A BullMQ key prefix unique to the run and part (QUEUE_PREFIX: [a-z0-9-]{1,40}). */
export const prefixFor = (context: QueueBenchContext, part: string): string =>
  `bq-${context.runId}-${part}`.slice(0, 40);

/**
 * `promise`, unless `child` exits or `ms` pass first (then an error naming `what`). Leaves no
 * timer or unhandled rejection behind.
 */
export async function unlessExited<T>(
  promise: Promise<T>,
  child: { exited: Promise<number> },
  ms: number,
  what: string,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const failure = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not happen within ${ms / 1000} s.`)),
      ms,
    );
    void child.exited.then((code) =>
      reject(new Error(`${what} did not happen: the process exited (code ${code}) first.`)),
    );
  });
  failure.catch(() => {});
  try {
    return await Promise.race([promise, failure]);
  } finally {
    clearTimeout(timer);
  }
}
