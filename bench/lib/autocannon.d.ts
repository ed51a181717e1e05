// The slice of autocannon's programmatic API the load generator uses (the package ships no types).
declare module "autocannon" {
  type Request = {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
  };

  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    headers?: Record<string, string>;
    requests?: Request[];
  };

  type Stats = { average: number; mean: number; stddev: number; min: number; max: number };

  type Result = {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    requests: Stats & { total: number; sent: number };
    latency: Stats & { p50: number; p99: number };
    throughput: Stats & { total: number };
  };

  type Instance = {
    on(
      event: "response",
      listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void,
    ): Instance;
    on(event: "done", listener: (result: Result) => void): Instance;
    on(event: "reqError", listener: (error: Error) => void): Instance;
    stop(): void;
  };

  function autocannon(
    options: Options,
    done: (error: Error | null, result: Result) => void,
  ): Instance;

  export default autocannon;
  export type { Instance, Options, Request, Result };
}
