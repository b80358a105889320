import { createHash } from "node:crypto";
import { databaseReady, db } from "./client";
import { Prisma } from "./generated/client";

/** Helpers every service module under lib/db needs: the client once the database is up, and error tests. */

export type Tx = Prisma.TransactionClient;
export type TDb = ReturnType<typeof db>;

export async function ready(): Promise<TDb> {
  await databaseReady();
  return db();
}

/**
 * A transaction that first locks one row (by id), so concurrent changes to that row (a moderator's
 * action and a report, two bans) apply one after the other, each seeing the other's result.
 */
export async function withLockedRow<T>(table: "posts" | "threads" | "users", id: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const prisma = await ready();
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM ${Prisma.raw(table)} WHERE id = ${id}::uuid FOR UPDATE`;
    return fn(tx);
  });
}

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The paging fields of a list response, in the order every list has sent them. */
export const pageFields = (page: number, pageSize: number, total: number) => ({
  page,
  pageSize,
  pages: Math.max(1, Math.ceil(total / pageSize)),
  total,
});

/** A unique violation, as Prisma reports it (P2002) or as the driver adapter passes PostgreSQL's 23505 on. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === "P2002" || e?.code === "23505" || e?.cause?.code === "23505";
}
