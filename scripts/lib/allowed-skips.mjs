// The only tests `npm test` lets skip (ADR 016). Any other skipped test fails its stage, so a
// `.skip`, a `skipIf` or a `test.fixme` cannot quietly take a test out of the count. Each entry
// names the stage, the file (from the repository root), the test's full title as the report gives
// it, and why; `onlyOn` limits the permission to one database.
/** @type {import("./test-report.mjs").TAllowedSkip[]} */
export const ALLOWED_SKIPS = [
  {
    stage: "integration tests",
    file: "tests/db-client.test.ts",
    test: "the database client on PostgreSQL, statements run as named prepared statements on the pooled connection",
    reason: "named prepared statements exist only on PostgreSQL; `.ci/run` (TEST_DATABASE_URL) runs it",
    onlyOn: "pglite",
  },
  // ```sql server blocks (docs/CONTENT.md) need a PostgreSQL server: roles, extensions PGlite lacks.
  {
    stage: "unit tests",
    file: "lib/content/server-blocks.test.ts",
    test: "lesson SQL blocks on a PostgreSQL server run as tagged on the server, in a scratch database per lesson with a `server` block",
    reason: "`server` blocks run on a PostgreSQL server only; `.ci/run` (TEST_DATABASE_URL) runs them",
    onlyOn: "pglite",
  },
  {
    stage: "unit tests",
    file: "lib/content/server-blocks.test.ts",
    test: "lesson SQL blocks on a PostgreSQL server report a block that does not do what its tag says there, and a role a lesson leaves behind",
    reason: "the checker of `server` blocks needs a PostgreSQL server; `.ci/run` (TEST_DATABASE_URL) runs it",
    onlyOn: "pglite",
  },
];
