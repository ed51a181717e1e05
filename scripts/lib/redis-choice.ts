// Which Redis the services command uses when REDIS_URL is not set: the project-local
// redis-server it started earlier, else the one on 6379, else a new local one; and a warning when
// a server may evict BullMQ's keys.

import type { Chosen, RedisUrls } from "./configured.ts";
import { aptInstall, canAptInstall, installInstructions, redisPackage } from "./install.ts";
import { portAnswers } from "./net.ts";
import {
  evictionPolicy,
  findRedisServer,
  localRedisRunning,
  localRedisUrl,
  orphanedLocalRedis,
  parseRedisUrl,
  redisProblem,
  startLocalRedis,
  systemRedisPort,
} from "./redis.ts";
import { type ServicesState, writeState } from "./state.ts";
import { maskUrl, UserError, ui } from "./ui.ts";

export const stopHint = "`bun run services:down` stops it";

function embeddedRedisUrls(port: number): RedisUrls {
  return { REDIS_URL: localRedisUrl(port, 0), TEST_REDIS_URL: localRedisUrl(port, 1) };
}

/** Like embeddedPostgres: our earlier redis-server, else the one on 6379, else a new local one. */
export async function embeddedRedis(
  state: ServicesState,
  local: boolean,
): Promise<Chosen<RedisUrls>> {
  state.redis ??= await orphanedLocalRedis();
  if (state.redis) {
    const { port } = state.redis;
    if (await localRedisRunning(state.redis)) {
      const summary = `project-local redis-server on 127.0.0.1:${port}, already running`;
      return { urls: embeddedRedisUrls(port), summary: `${summary} (${stopHint})` };
    }
    state.redis = null;
    writeState(state);
  }
  if (!local && (await portAnswers("127.0.0.1", systemRedisPort))) {
    const problem = await redisProblem(localRedisUrl(systemRedisPort, 0));
    if (!problem) {
      const summary = `running server on 127.0.0.1:${systemRedisPort}, reused`;
      return { urls: embeddedRedisUrls(systemRedisPort), summary };
    }
    ui.notice(
      `Redis on 127.0.0.1:${systemRedisPort} does not answer PING (${problem}), so a ` +
        "project-local redis-server is used instead. To use that server, set REDIS_URL.",
    );
  }

  let binary = findRedisServer();
  if (!binary) {
    if (!canAptInstall()) throw new UserError(installInstructions(redisPackage, "REDIS_URL"));
    await aptInstall(redisPackage);
    binary = findRedisServer();
    if (!binary) throw new UserError(installInstructions(redisPackage, "REDIS_URL"));
  }
  state.redis = await startLocalRedis(binary);
  writeState(state);
  const summary = `project-local redis-server on 127.0.0.1:${state.redis.port}, started`;
  return { urls: embeddedRedisUrls(state.redis.port), summary };
}

/** BullMQ silently loses jobs when Redis may evict keys; we only warn, never reconfigure. */
export async function checkEviction(urls: RedisUrls): Promise<void> {
  const servers = new Map<string, string>();
  for (const url of [urls.REDIS_URL, urls.TEST_REDIS_URL]) {
    const { host, port } = parseRedisUrl(url);
    servers.set(`${host}:${port}`, url);
  }
  for (const url of servers.values()) {
    const result = await evictionPolicy(url);
    if ("error" in result) {
      ui.info(`            could not read its maxmemory-policy (${result.error})`);
      ui.info("            BullMQ needs noeviction; check the server's configuration.");
    } else if (result.policy !== "noeviction") {
      ui.warn(
        `Redis at ${maskUrl(url)} has maxmemory-policy "${result.policy}"; BullMQ needs ` +
          '"noeviction" or queued jobs can silently disappear when memory fills up. Set ' +
          "`maxmemory-policy noeviction` in that server's configuration (this command does not " +
          "change servers it did not start).",
      );
    }
  }
}
