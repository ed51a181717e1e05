// Runs commands for the local services scripts, optionally as another OS user (root → postgres).
import { existsSync } from "node:fs";
import { userInfo } from "node:os";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Run as this OS user; only honoured when we are root and it is someone else. */
  asUser?: string | null;
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Show the command's output live instead of capturing it. */
  inherit?: boolean;
}

export const isRoot = process.getuid?.() === 0;

/** Like `Bun.which`, but also looks in the sbin directories a non-login root PATH may lack. */
export function which(command: string): string | null {
  const found = Bun.which(command);
  if (found) return found;
  for (const dir of ["/usr/local/sbin", "/usr/sbin", "/sbin"]) {
    const path = `${dir}/${command}`;
    if (existsSync(path)) return path;
  }
  return null;
}

export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** The argv that runs `cmd` as `user`, or null when neither runuser nor su is available. */
export function asUserArgv(user: string, cmd: string[]): string[] | null {
  if (!isRoot || user === userInfo().username) return cmd;
  const runuser = which("runuser");
  if (runuser) return [runuser, "-u", user, "--", ...cmd];
  const su = which("su");
  if (su) return [su, "-s", "/bin/sh", "-c", cmd.map(shellQuote).join(" "), user];
  return null;
}

export async function run(cmd: string[], options: RunOptions = {}): Promise<RunResult> {
  const argv = options.asUser ? asUserArgv(options.asUser, cmd) : cmd;
  if (!argv) {
    return { code: 127, stdout: "", stderr: "neither runuser nor su is available" };
  }
  const stdio = options.inherit ? "inherit" : "pipe";
  let proc: ReturnType<typeof Bun.spawn>;
  try {
    proc = Bun.spawn(argv, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdin: "ignore",
      stdout: stdio,
      stderr: stdio,
    });
  } catch (error) {
    // Bun throws synchronously when the executable does not exist.
    const reason = error instanceof Error ? error.message : String(error);
    return { code: 127, stdout: "", stderr: `${argv[0]}: ${reason}` };
  }
  const [stdout, stderr, code] = await Promise.all([
    readStream(proc.stdout),
    readStream(proc.stderr),
    proc.exited,
  ]);
  return { code, stdout, stderr };
}

async function readStream(stream: unknown): Promise<string> {
  return stream instanceof ReadableStream ? await new Response(stream).text() : "";
}

/** Environment without libpq's PG* variables, which would silently redirect psql and pg_ctl. */
export function envWithoutPgVars(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("PG")));
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function osUserIds(name: string): { uid: number; gid: number } | null {
  const result = Bun.spawnSync(["id", "-u", name], { stdout: "pipe", stderr: "ignore" });
  const group = Bun.spawnSync(["id", "-g", name], { stdout: "pipe", stderr: "ignore" });
  if (result.exitCode !== 0 || group.exitCode !== 0) return null;
  return {
    uid: Number(result.stdout.toString().trim()),
    gid: Number(group.stdout.toString().trim()),
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The last lines of a command's output or a log, for error messages. */
export function tail(text: string, lines = 15): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
