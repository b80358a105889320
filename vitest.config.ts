import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          // a focused test (`it.only`) fails instead of quietly skipping the rest of its file (ADR 016)
          allowOnly: false,
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"],
          environment: "node",
          // lib/http/route.ts reaches next-auth, which imports "next/server" without an extension.
          server: { deps: { inline: ["next-auth"] } },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          allowOnly: false,
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/reliability/**"],
          environment: "node",
          globalSetup: ["tests/setup/global.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: "forks",
          // next-auth imports "next/server" without an extension; let Vite resolve it.
          server: { deps: { inline: ["next-auth"] } },
        },
      },
      {
        resolve: { alias },
        test: {
          // issue 16: the production topology (nginx, several instances, PostgreSQL) under faults and
          // hostile input; needs the production build, nginx and a PostgreSQL server (npm run test:reliability)
          name: "reliability",
          allowOnly: false,
          include: ["tests/reliability/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 300_000,
          pool: "forks",
          fileParallelism: false,
          server: { deps: { inline: ["next-auth"] } },
        },
      },
    ],
  },
});
