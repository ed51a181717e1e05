// drizzle-kit: generates committed SQL migrations from the schema (`bun run db:generate`).
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./packages/database/src/schema/index.ts",
  out: "./packages/database/migrations",
  // Generating needs no database; migrations are applied by `bun run db:migrate`.
  strict: true,
  verbose: true,
});
