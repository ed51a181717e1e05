// Child processes the bench starts (server, load generator, pgbench): all killed when it exits.
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
