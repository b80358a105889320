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
  // tests/operating-postgres.test.ts runs a private cluster with the lesson's settings (issue 15):
  // on PGlite and on PostgreSQL alike, it can only skip without the binaries.
  {
    stage: "integration tests",
    file: "tests/operating-postgres.test.ts",
    test: "the Operating PostgreSQL lesson on a PostgreSQL 15 cluster of its own pg_stat_statements, preloaded as the lesson configures it, answers the lesson's top-queries block",
    reason: "needs the PostgreSQL 15 binaries (initdb, pg_ctl, pg_basebackup, pg_dump …) for a private cluster; skips only when they are missing, and says which",
  },
  {
    stage: "integration tests",
    file: "tests/operating-postgres.test.ts",
    test: "the Operating PostgreSQL lesson on a PostgreSQL 15 cluster of its own pg_dump --format=custom and pg_restore --jobs, as the lesson writes them, copy the database",
    reason: "needs the PostgreSQL 15 binaries (initdb, pg_ctl, pg_basebackup, pg_dump …) for a private cluster; skips only when they are missing, and says which",
  },
  {
    stage: "integration tests",
    file: "tests/operating-postgres.test.ts",
    test: "the Operating PostgreSQL lesson on a PostgreSQL 15 cluster of its own point-in-time recovery: base backup, archived WAL, a named restore point and a target time, then pause and pg_wal_replay_resume()",
    reason: "needs the PostgreSQL 15 binaries (initdb, pg_ctl, pg_basebackup, pg_dump …) for a private cluster; skips only when they are missing, and says which",
  },
];
