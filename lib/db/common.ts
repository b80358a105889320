import { createHash } from "node:crypto";
import { databaseReady, db } from "./client";
import type { Prisma } from "./generated/client";

/** Helpers every service module under lib/db needs: the client once the database is up, and error tests. */

export type Tx = Prisma.TransactionClient;
export type TDb = ReturnType<typeof db>;

export async function ready(): Promise<TDb> {
  await databaseReady();
  return db();
}

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** A unique violation, as Prisma reports it (P2002) or as the driver adapter passes PostgreSQL's 23505 on. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === "P2002" || e?.code === "23505" || e?.cause?.code === "23505";
}
