// The stack's child processes (server, worker): started with their output kept for error messages,
// and waited for until they answer (the server's /health, the worker's SMTP receiver).
import { connect } from "node:net";
import { repoRoot } from "@supportdesk/config";

const ROOT = repoRoot(import.meta.dir);

export type Child = { proc: ReturnType<typeof Bun.spawn>; name: string; output: string[] };

async function keep(stream: ReadableStream<Uint8Array> | null | undefined, into: string[]) {
  if (!stream) return;
  const decoder = new TextDecoder();
  for await (const chunk of stream) {
    for (const line of decoder.decode(chunk, { stream: true }).split("\n")) {
      if (!line) continue;
      into.push(line);
      if (into.length > 200) into.shift();
    }
  }
}

export function spawnChild(
  name: string,
  script: string,
  childEnv: Record<string, string>,
  args: string[] = [],
): Child {
  const proc = Bun.spawn(["bun", script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...childEnv },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const child: Child = { proc, name, output: [] };
  void keep(proc.stdout as ReadableStream<Uint8Array>, child.output);
  void keep(proc.stderr as ReadableStream<Uint8Array>, child.output);
  return child;
}

export async function waitForHealth(url: string, child: Child, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null) {
      throw new Error(
        `The server exited with code ${child.proc.exitCode} before answering /health:\n${child.output.join("\n")}`,
      );
    }
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await Bun.sleep(100);
  }
  throw new Error(
    `The server did not answer ${url}/health within ${timeoutMs} ms:\n${child.output.join("\n")}`,
  );
}

/** Waits until something accepts TCP connections on 127.0.0.1:`port` (the worker's receiver). */
export async function waitForPort(port: number, child: Child, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null) {
      throw new Error(
        `The worker exited with code ${child.proc.exitCode} before its SMTP receiver listened:\n${child.output.join("\n")}`,
      );
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: "127.0.0.1", port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await Bun.sleep(100);
  }
  throw new Error(
    `The worker's SMTP receiver did not listen on port ${port} within ${timeoutMs} ms:\n${child.output.join("\n")}`,
  );
}
