// Child processes the bench starts (server, load generator, pgbench): all killed when it exits.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "@supportdesk/config";
import type { Subprocess } from "bun";

const running = new Set<Subprocess>();

/** Tracks a child so that exit, Ctrl-C or a crash of the bench kills it. */
export function track<T extends Subprocess>(child: T): T {
  running.add(child);
  void child.exited.then(() => running.delete(child));
  return child;
}

/** Kills every tracked child (SIGTERM, then SIGKILL after `graceMs`). */
export async function killAll(graceMs = 3000): Promise<void> {
  const children = [...running];
  for (const child of children) child.kill("SIGTERM");
  await Promise.race([
    Promise.all(children.map((c) => c.exited)),
    new Promise((resolve) => setTimeout(resolve, graceMs)),
  ]);
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
}

let installed = false;

/** Installs the handlers: SIGINT/SIGTERM kill the children and exit; exit kills what is left. */
export function installExitHandlers(onInterrupt: (signal: string) => void): void {
  if (installed) return;
  installed = true;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      onInterrupt(signal);
      void killAll(1500).finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
    });
  }
  process.on("exit", () => {
    for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
  });
}

/** A bench's folder for its children's logs, kept (and named) when the run fails or is stopped. */
export type ChildLogs = { dir: string; remove(): void; onFailure(): void };

/**
 * Makes `bench/results/tmp-<name>-<stamp>` and installs the exit handlers that stop the children,
 * naming the folder. `remove()` after a good run; `onFailure()` names it after a bad one.
 */
export function childLogs(name: string): ChildLogs {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const dir = join(repoRoot(), "bench", "results", `tmp-${name}-${stamp}`);
  mkdirSync(dir, { recursive: true });
  let kept = true;
  installExitHandlers((signal) =>
    console.error(
      `\nbench:${name}: ${signal}: stopping the children${kept ? ` (logs: ${dir})` : ""}`,
    ),
  );
  return {
    dir,
    remove() {
      kept = false;
      rmSync(dir, { recursive: true, force: true });
    },
    onFailure() {
      if (kept) console.error(`Logs of this run: ${dir}`);
    },
  };
}
