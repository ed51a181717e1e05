// SERVER_PROCESSES > 1: a primary runs that many workers on one port, replaces one that dies, and
// stops them all on SIGTERM. Real processes (Linux: /proc tells the workers and listeners apart).
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { testEnvironment } from "@supportdesk/config";

const linux = existsSync("/proc/net/tcp");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(),
      );
    });
  });
}

/** Live children of `pid` (zombies, already dead, excluded). */
function children(pid: number): number[] {
  const found: number[] = [];
  for (const name of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(ppid) === pid && state !== "Z") found.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return found.sort((a, b) => a - b);
}

/** Sockets listening on `port` (each SO_REUSEPORT process has its own). */
function listeners(port: number): number {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  let count = 0;
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state === "0A" && local?.endsWith(hex)) count++;
    }
  }
  return count;
}

/** Polls until `check` holds; fails naming `what` after 20 s (a bound, not a measured figure). */
async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(100);
  }
}

let primary: ReturnType<typeof Bun.spawn> | undefined;
afterAll(() => {
  if (primary?.exitCode === null) primary.kill("SIGKILL");
});

describe.skipIf(!linux)("SERVER_PROCESSES=2", () => {
  test("two workers share the port; a dead one is replaced; SIGTERM stops them all", async () => {
    const port = await freePort();
    primary = Bun.spawn([process.execPath, join(import.meta.dir, "main.ts")], {
      // The test database and Redis, never what .data/services.env names for development.
      env: { ...testEnvironment(), PORT: String(port), SERVER_PROCESSES: "2", LOG_LEVEL: "silent" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const pid = primary.pid;
    await until("two listening workers", () => listeners(port) === 2);
    const workers = children(pid);
    expect(workers).toHaveLength(2);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(await health.json()).toEqual({ status: "ok" });

    const [victim, survivor] = workers as [number, number];
    process.kill(victim, "SIGKILL");
    await until("a replacement worker", () => {
      const now = children(pid);
      return now.length === 2 && !now.includes(victim) && listeners(port) === 2;
    });
    expect(children(pid)).toContain(survivor);

    const current = children(pid);
    primary.kill("SIGTERM");
    expect(await primary.exited).toBe(0);
    await until("the workers to exit", () => current.every((w) => !existsSync(`/proc/${w}/stat`)));
    expect(listeners(port)).toBe(0);
  }, 60_000);
});
