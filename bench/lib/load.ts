// Runs the load generator (bench/lib/loadgen.ts) in its own process and reads its result.
import { join } from "node:path";
import { repoRoot } from "@supportdesk/config";
import { track } from "./children";
import type { LoadConfig, LoadResult } from "./loadgen";

export async function runLoad(
  config: Omit<LoadConfig, "resultFile">,
  workDir: string,
  label: string,
): Promise<LoadResult> {
  const configFile = join(workDir, `load-${label}.json`);
  const resultFile = join(workDir, `load-${label}.result.json`);
  await Bun.write(configFile, JSON.stringify({ ...config, resultFile }));
  const child = track(
    Bun.spawn(["bun", join(repoRoot(), "bench", "lib", "loadgen.ts"), configFile], {
      cwd: repoRoot(),
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    }),
  );
  const [out, err, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  if (code !== 0) {
    throw new Error(`The load generator failed (exit ${code}):\n${(err || out).trim()}`);
  }
  const result = (await Bun.file(resultFile).json()) as LoadResult;
  if (result.ok === 0) {
    throw new Error(
      `No request succeeded during the ${label} run (statuses ${JSON.stringify(result.statusCounts)}, ` +
        `${result.errors} connection errors, ${result.timeouts} timeouts).`,
    );
  }
  return result;
}
