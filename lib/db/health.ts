import { databaseKind, databaseReady, db, type DatabaseKind } from "./client";

export type TDatabaseStatus = {
  db: DatabaseKind;
  migrations: { applied: number; latest: string | null };
};

/** Round-trips to the database; throws when it cannot be reached. */
export async function getDatabaseStatus(): Promise<TDatabaseStatus> {
  await databaseReady();
  const rows = await db().$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations
    WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
    ORDER BY migration_name`;
  return {
    db: databaseKind(),
    migrations: { applied: rows.length, latest: rows.at(-1)?.migration_name ?? null },
  };
}
