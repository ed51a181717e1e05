// The primary of a multi-process server (SERVER_PROCESSES > 1): N serving workers on one port
// (SO_REUSEPORT, so the kernel spreads connections), a dead worker restarted, signals passed on.
import { join } from "node:path";
import type { Logger } from "@supportdesk/logger";
import type { Subprocess } from "bun";

/** The argument that makes `main.ts` a serving worker of a primary. */
export const WORKER_FLAG = "--worker";

/** A worker that dies sooner than this after starting counts towards a crash loop. */
const EARLY_EXIT_MS = 10_000;
/** This many early deaths in a row (bad config, port taken by another program…) and it gives up. */
const MAX_EARLY_EXITS = 5;
const RESTART_DELAY_MS = 1000;
/** How long workers get to finish in-flight requests on shutdown before they are killed. */
const STOP_GRACE_MS = 30_000;

/**
 * Starts `count` workers (`bun [its own flags] main.ts --worker`, same environment, same output)
 * and keeps them running until SIGINT/SIGTERM, which each worker gets as SIGTERM and answers by
 * finishing its requests. A worker whose primary is gone (even killed) stops too: it is spawned
 * with an IPC channel and ends when that closes.
 */
export function runPrimary(count: number, log: Logger): void {
  const workers = new Set<Subprocess>();
  let stopping = false;
  let exitCode = 0;
  let earlyExits = 0;

  function start(slot: number): void {
    const startedAt = Date.now();
    const child = Bun.spawn(
      [process.execPath, ...process.execArgv, join(import.meta.dir, "main.ts"), WORKER_FLAG],
      { stdio: ["ignore", "inherit", "inherit"], ipc() {} },
    );
    workers.add(child);
    void child.exited.then((code) => {
      workers.delete(child);
      if (stopping) {
        if (workers.size === 0) process.exit(exitCode);
        return;
      }
      earlyExits = Date.now() - startedAt < EARLY_EXIT_MS ? earlyExits + 1 : 0;
      if (earlyExits >= MAX_EARLY_EXITS) {
        log.fatal({ slot, code }, `server workers keep dying at start (${earlyExits} in a row)`);
        exitCode = 1;
        stop("workers keep dying");
        return;
      }
      log.error({ slot, pid: child.pid, code }, "server worker exited; restarting it");
      setTimeout(() => {
        if (!stopping) start(slot);
      }, RESTART_DELAY_MS);
    });
  }

  function stop(reason: string): void {
    if (stopping) return;
    stopping = true;
    log.info({ reason, workers: workers.size }, "stopping the server workers");
    if (workers.size === 0) process.exit(exitCode);
    for (const child of workers) child.kill("SIGTERM");
    setTimeout(() => {
      for (const child of workers) child.kill("SIGKILL");
    }, STOP_GRACE_MS).unref();
  }

  for (let slot = 0; slot < count; slot++) start(slot);
  log.info({ processes: count, pid: process.pid }, "server primary started its workers");
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}
