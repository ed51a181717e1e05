// What every bench's entry point shares: its clock and log lines, the machine it ran on, and
// turning the command line into options (or usage and an exit code).
import { cpus, freemem, loadavg, release, totalmem } from "node:os";
import { UsageError } from "./args";

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
