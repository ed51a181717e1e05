// `bun scripts/services.ts up|down`: finds, starts or checks PostgreSQL and Redis for local work.

import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import {
  type Chosen,
  configuredPostgres,
  configuredRedis,
  type PostgresUrls,
  type RedisUrls,
} from "./lib/configured.ts";
import { aptInstall, canAptInstall, installInstructions, postgresPackage } from "./lib/install.ts";
import { portAnswers } from "./lib/net.ts";
import {
  appRole,
  devDatabase,
  ownerRole,
  roleUrl,
  superuserAccess,
  systemPort,
  testDatabase,
} from "./lib/postgres.ts";
import {
  clusterBinaries,
  clusterRunning,
  ensureCluster,
  orphanedCluster,
  type PgBinaries,
  stopCluster,
} from "./lib/postgres-cluster.ts";
import { provision, verifyLogins } from "./lib/postgres-provision.ts";
import { run } from "./lib/proc.ts";
import { orphanedLocalRedis, stopLocalRedis } from "./lib/redis.ts";
import { checkEviction, embeddedRedis, stopHint } from "./lib/redis-choice.ts";
import {
  envFile,
  readState,
  removeEnvFile,
  repoRoot,
  type ServicesState,
  withLock,
  writeEnvFile,
  writeState,
} from "./lib/state.ts";
import { errorMessage, maskUrl, UserError, ui } from "./lib/ui.ts";

const usage = `Usage: bun scripts/services.ts <command> [options]

Commands:
  up      Make PostgreSQL and Redis available, write .data/services.env, migrate the dev and
          test databases. Uses DATABASE_URL, DATABASE_ADMIN_URL and REDIS_URL as they are when
          set; otherwise reuses servers on 127.0.0.1:5432/6379 or starts project-local ones.
  down    Stop the servers \`up\` started (never servers it found running).

Options:
  --quiet   Print only warnings and errors.
  --local   (up) Start project-local servers in .data/ even if 5432/6379 answer.
  -h, --help`;

interface Options {
  command: "up" | "down";
  quiet: boolean;
  local: boolean;
}

function parseArgs(args: string[]): Options | "help" | string {
  if (args.includes("-h") || args.includes("--help") || args[0] === "help") return "help";
  const [command, ...flags] = args;
  if (command !== "up" && command !== "down") {
    return command ? `unknown command "${command}"` : "missing command";
  }
  const options: Options = { command, quiet: false, local: false };
  for (const flag of flags) {
    if (flag === "--quiet") options.quiet = true;
    else if (flag === "--local" && command === "up") options.local = true;
    else return `unknown option "${flag}" for ${command}`;
  }
  return options;
}

/** A PostgreSQL choice, and whether its test database is ready. */
interface PostgresChoice extends Chosen<PostgresUrls> {
  testReady: boolean;
}

function embeddedPostgresUrls(port: number): PostgresUrls {
  return {
    DATABASE_URL: roleUrl(appRole, port, devDatabase),
    DATABASE_ADMIN_URL: roleUrl(ownerRole, port, devDatabase),
    TEST_DATABASE_URL: roleUrl(appRole, port, testDatabase),
    TEST_DATABASE_ADMIN_URL: roleUrl(ownerRole, port, testDatabase),
  };
}

/** Creates roles and databases on the server at `port`; null when it denies us superuser. */
async function setUpServer(port: number, summary: string): Promise<PostgresChoice | null> {
  const su = await superuserAccess(port);
  if (!su) return null;
  try {
    for (const warning of await provision(su)) ui.warn(warning);
  } catch (error) {
    throw new UserError(
      `Creating the supportdesk roles and databases on 127.0.0.1:${port} (as superuser via ` +
        `${su.how}) failed: ${errorMessage(error)}. Fix the cause, or set DATABASE_URL and ` +
        "DATABASE_ADMIN_URL to a database you prepared yourself.",
    );
  } finally {
    await su.close();
  }
  await verifyLogins(port);
  return { urls: embeddedPostgresUrls(port), summary, testReady: true };
}

/** The server on 5432, unless --local; null when nothing answers or it will not let us in. */
async function systemPostgres(local: boolean): Promise<PostgresChoice | null> {
  if (local || !(await portAnswers("127.0.0.1", systemPort))) return null;
  const summary = `running server on 127.0.0.1:${systemPort}, reused`;
  const choice = await setUpServer(systemPort, summary);
  if (!choice) {
    ui.notice(
      `PostgreSQL answers on 127.0.0.1:${systemPort} but gives no superuser access (no ` +
        "password-less TCP login as postgres, and peer auth needs root), so a project-local " +
        "cluster is used instead. To use that server, set DATABASE_URL and DATABASE_ADMIN_URL.",
    );
  }
  return choice;
}

async function localCluster(state: ServicesState, bins: PgBinaries): Promise<PostgresChoice> {
  const cluster = await ensureCluster(bins);
  state.postgres = cluster.record;
  writeState(state);
  const { port } = cluster.record;
  let status = `already running (${stopHint})`;
  if (cluster.started) status = cluster.initialised ? "created and started" : "started";
  const summary = `project-local PostgreSQL ${cluster.version} on 127.0.0.1:${port}, ${status}`;
  const choice = await setUpServer(port, summary);
  if (!choice) {
    throw new UserError(
      `The project-local PostgreSQL on 127.0.0.1:${port} refused its postgres superuser. See ` +
        `${cluster.record.logFile}; to start over, run \`bun run services:down\` and delete ` +
        ".data/postgres (its data is lost).",
    );
  }
  return choice;
}

/**
 * The embedded default: a cluster this command started earlier, else the server on 5432, else
 * a project-local cluster (installing PostgreSQL first when we are root on Debian).
 */
async function embeddedPostgres(state: ServicesState, local: boolean): Promise<PostgresChoice> {
  // A cluster we started stays in use until `down`, so `dev` keeps what `up --local` chose.
  state.postgres ??= orphanedCluster();
  if (state.postgres) {
    const bins = clusterBinaries();
    if (bins && (await clusterRunning(state.postgres))) return localCluster(state, bins);
    state.postgres = null;
    writeState(state);
  }
  const system = await systemPostgres(local);
  if (system) return system;

  const missing = installInstructions(postgresPackage, "DATABASE_URL and DATABASE_ADMIN_URL");
  let bins = clusterBinaries();
  if (!bins) {
    if (!canAptInstall()) throw new UserError(missing);
    await aptInstall(postgresPackage);
    // Debian's package starts its own cluster on 5432, which is then as good as any.
    const installed = await systemPostgres(local);
    if (installed) return installed;
    bins = clusterBinaries();
    if (!bins) throw new UserError(missing);
  }
  return localCluster(state, bins);
}

const migrateScript = join(repoRoot, "packages", "database", "src", "cli", "migrate.ts");

/** Applies migrations to one database by running the database package's CLI as the owner role. */
async function migrate(label: string, appUrl: string, adminUrl: string): Promise<void> {
  ui.info(`Migrating the ${label} database…`);
  const result = await run([process.execPath, migrateScript], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: appUrl, DATABASE_ADMIN_URL: adminUrl },
    inherit: !ui.quiet,
  });
  if (result.code !== 0) {
    if (ui.quiet) console.error(`${result.stdout}${result.stderr}`.trimEnd());
    throw new UserError(
      `Migrating the ${label} database (${maskUrl(adminUrl)}) failed; its output is above. Fix ` +
        "the migration or the database, then run `bun run services:up` again.",
    );
  }
}

async function up(options: Options): Promise<void> {
  const state = readState();
  const configured = await configuredPostgres();
  const postgres: PostgresChoice = configured
    ? { ...configured, summary: "DATABASE_URL and DATABASE_ADMIN_URL as configured" }
    : await embeddedPostgres(state, options.local);
  ui.info(`PostgreSQL  ${postgres.summary}`);
  ui.info(`            dev: ${maskUrl(postgres.urls.DATABASE_URL)}`);

  const configuredRedisUrls = await configuredRedis();
  const redis: Chosen<RedisUrls> = configuredRedisUrls
    ? { urls: configuredRedisUrls, summary: "REDIS_URL as configured" }
    : await embeddedRedis(state, options.local);
  ui.info(`Redis       ${redis.summary}`);
  ui.info(`            dev: ${maskUrl(redis.urls.REDIS_URL)}`);
  await checkEviction(redis.urls);

  writeState(state);
  writeEnvFile({ ...postgres.urls, ...redis.urls });
  ui.info(`Settings    written to ${relative(process.cwd(), envFile)}`);

  if (!existsSync(migrateScript)) {
    ui.notice("migrations not found, skipping");
    return;
  }
  await migrate("dev", postgres.urls.DATABASE_URL, postgres.urls.DATABASE_ADMIN_URL);
  if (postgres.testReady) {
    await migrate("test", postgres.urls.TEST_DATABASE_URL, postgres.urls.TEST_DATABASE_ADMIN_URL);
  }
}

async function down(): Promise<void> {
  const state = readState();
  state.postgres ??= orphanedCluster();
  state.redis ??= await orphanedLocalRedis();
  const stopped: string[] = [];
  if (state.postgres) {
    if (await stopCluster(state.postgres)) {
      stopped.push(`PostgreSQL (${state.postgres.dataDir}, port ${state.postgres.port})`);
    }
    state.postgres = null;
    writeState(state);
  }
  if (state.redis) {
    if (await stopLocalRedis(state.redis)) stopped.push(`redis-server (port ${state.redis.port})`);
    state.redis = null;
    writeState(state);
  }
  if (stopped.length === 0) {
    ui.info("Nothing to stop: `services up` has no server of its own running.");
    return;
  }
  // The settings pointed at what just stopped; the next `up` writes fresh ones.
  removeEnvFile();
  ui.info(`Stopped ${stopped.join(" and ")}.`);
  ui.info(`Removed ${relative(process.cwd(), envFile)}; the next \`services:up\` writes it again.`);
}

async function main(args: string[]): Promise<number> {
  const options = parseArgs(args);
  if (options === "help") {
    console.log(usage);
    return 0;
  }
  if (typeof options === "string") {
    console.error(`services: ${options}\n\n${usage}`);
    return 2;
  }
  ui.setQuiet(options.quiet);
  await withLock(() => (options.command === "up" ? up(options) : down()));
  return 0;
}

try {
  // Open sockets or pools must not keep the process alive once the work is done.
  process.exit(await main(process.argv.slice(2)));
} catch (error) {
  if (error instanceof UserError) {
    console.error(`services: ${error.message}`);
    process.exit(1);
  }
  console.error("services: unexpected failure; please report it with the output below.");
  console.error(error);
  process.exit(1);
}
