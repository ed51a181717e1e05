// What every bench's entry point shares: its clock and log lines, the machine it ran on, and
// turning the command line into options (or usage and an exit code).
import { cpus, freemem, loadavg, release, totalmem } from "node:os";
import { ConfigError } from "@supportdesk/config";
import { benchVariable, UsageError } from "./args";
import { describe } from "./db-setup";

/** When this bench process started (ms since the epoch). */
export const started = Date.now();

/** A progress line, prefixed with the seconds since the start. */
export function log(line: string): void {
  const s = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  console.log(`[${s} s] ${line}`);
}

/** The machine the figures were measured on (results JSON). */
export function machine() {
  const cpu = cpus();
  return {
    cores: cpu.length,
    cpuModel: cpu[0]?.model ?? "unknown",
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    os: `${process.platform} ${release()}`,
    bun: Bun.version,
    loadAverageAtStart: loadavg().map((v) => Math.round(v * 100) / 100),
  };
}

/**
 * The options `parse` reads from this process's arguments; or the exit code after printing the
 * usage (0, for --help) or what is wrong with them (2).
 */
export function readOptions<T>(
  bench: string,
  parse: (argv: string[]) => T | "help",
  usage: string,
): T | number {
  try {
    const parsed = parse(process.argv.slice(2));
    if (parsed !== "help") return parsed;
    console.log(usage);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${bench}: ${error.message}`);
    return 2;
  }
}

/**
 * Runs a bench's `main` and exits with its code. `cleanup` runs either way (child processes);
 * on a failure the error is printed (its stack with BENCH_DEBUG), then `onFailure`'s lines, then
 * the hint to start the services when the configuration was missing.
 */
export function runBench(
  bench: string,
  main: () => Promise<number>,
  hooks: { cleanup?: () => Promise<void>; onFailure?: () => Promise<void> | void } = {},
): void {
  main()
    .then(async (code) => {
      await hooks.cleanup?.();
      process.exit(code);
    })
    .catch(async (error: unknown) => {
      await hooks.cleanup?.();
      console.error(`\n${bench} failed: ${describe(error)}`);
      if (benchVariable("BENCH_DEBUG") && error instanceof Error) console.error(error.stack);
      await hooks.onFailure?.();
      if (error instanceof ConfigError) console.error("Run `bun run services:up` first.");
      process.exit(1);
    });
}
