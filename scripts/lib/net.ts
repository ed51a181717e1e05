// TCP probes for the local services scripts: does a port answer, which port is free.
import { createConnection, createServer } from "node:net";

/** True when something accepts TCP connections on host:port within the timeout. */
export function portAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The first port from `start` upward that nobody listens on or answers from. */
export async function findFreePort(host: string, start: number, attempts = 100): Promise<number> {
  for (let port = start; port < start + attempts; port++) {
    if ((await canListen(host, port)) && !(await portAnswers(host, port, 300))) return port;
  }
  throw new Error(`no free port on ${host} between ${start} and ${start + attempts - 1}`);
}
