// `bun run db:migrate` / `bun run db:seed`: migrations and demo data on the configured database.
import { ConfigError, env } from "@supportdesk/config";
import { createDatabase, runMigrations } from "@supportdesk/database";
import { seedDemo } from "@supportdesk/database/seed";

const usage = "usage: bun scripts/db.ts migrate|seed";
const [command, ...rest] = process.argv.slice(2);
if (rest.length > 0 || (command !== "migrate" && command !== "seed")) {
  console.error(usage);
  process.exit(2);
}

try {
  const adminUrl = env().DATABASE_ADMIN_URL;
  if (!adminUrl) throw new ConfigError("DATABASE_ADMIN_URL (the owner role's URL) is not set.");
  if (command === "migrate") {
    await runMigrations(adminUrl);
    console.log("Database migrated.");
  } else {
    const db = createDatabase({ url: adminUrl, max: 4 });
    try {
      const result = await seedDemo(db);
      console.log(
        `Demo data ready: ${result.tenants.length} tenants, ${result.logins.length} users, ${result.tickets} tickets, ${result.messages} messages.`,
      );
    } finally {
      await db.close();
    }
  }
} catch (error) {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  console.error(cause instanceof Error ? cause.message : String(cause));
  process.exit(1);
}
