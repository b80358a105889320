import { defineConfig } from "prisma/config";

// DATABASE_URL is optional: unset means the embedded PGlite database (see lib/db/client.ts).
// `env()` would throw when it is unset, so read process.env directly.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
