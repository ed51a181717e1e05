// Linux /proc readings for the bench: a process tree's CPU time, and the sockets listening on a
// port (SO_REUSEPORT gives each server process its own). Elsewhere they answer "unknown".
import { existsSync, readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on every Linux build). */
const TICKS_PER_SECOND = 100;

type Stat = { pid: number; ppid: number; ticks: number };

/** utime + stime and the parent of one process; null when it is gone. */
function readStat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: fields start after the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // After the name: state(0) ppid(1) … utime(11) stime(12).
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** `root` and every process below it, with their CPU ticks so far. */
function tree(root: number): Stat[] {
  const all = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((s): s is Stat => s !== null);
  const found = all.filter((s) => s.pid === root);
  for (let i = 0; i < found.length; i++) {
    const parent = found[i] as Stat;
    for (const s of all) if (s.ppid === parent.pid) found.push(s);
  }
  return found;
}

export type CpuSnapshot = { at: number; ticks: Map<number, number> } | null;

/** The CPU ticks of `root`'s process tree now (null off Linux). */
export function cpuSnapshot(root: number): CpuSnapshot {
  if (!existsSync("/proc/self/stat")) return null;
  return { at: performance.now(), ticks: new Map(tree(root).map((s) => [s.pid, s.ticks])) };
}

export type CpuUse = {
  /** CPU used by the whole tree over the interval, in cores (1 = one core busy all the time). */
  cores: number;
  /** The same per process (pid → cores), so an unbalanced spread over workers shows. */
  byPid: Record<string, number>;
};

/** CPU used between two snapshots of the same tree (processes present in both). */
export function cpuBetween(start: CpuSnapshot, end: CpuSnapshot): CpuUse | null {
  if (!start || !end) return null;
  const seconds = (end.at - start.at) / 1000;
  const byPid: Record<string, number> = {};
  let total = 0;
  for (const [pid, ticks] of end.ticks) {
    const before = start.ticks.get(pid);
    if (before === undefined) continue;
    const cores = (ticks - before) / TICKS_PER_SECOND / seconds;
    byPid[pid] = Math.round(cores * 1000) / 1000;
    total += cores;
  }
  return { cores: Math.round(total * 1000) / 1000, byPid };
}

/** Sockets in LISTEN on `port` (IPv4 and IPv6); null when /proc/net cannot be read. */
export function listeningSockets(port: number): number | null {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  let count = 0;
  let readable = false;
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    readable = true;
    for (const line of text.split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state === "0A" && local?.endsWith(`:${hexPort}`)) count++;
    }
  }
  return readable ? count : null;
}
