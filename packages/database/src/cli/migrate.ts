// CLI: `DATABASE_ADMIN_URL=… bun packages/database/src/cli/migrate.ts` migrates that database.
// The package's own entry point, so it reads its one variable itself (it may not import config).
import { runMigrations } from "../migrate";

const url = process.env.DATABASE_ADMIN_URL;
if (!url || !/^postgres(ql)?:\/\//.test(url)) {
  console.error(
    "DATABASE_ADMIN_URL must be set to the owner role's postgres:// URL (see .env.example).",
  );
  process.exit(2);
}
try {
  await runMigrations(url);
} catch (error) {
  const cause = error instanceof Error ? (error.cause ?? error) : error;
  console.error(`Migration failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  process.exit(1);
}
