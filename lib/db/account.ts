import { verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { ready } from "./common";
import { exportDiscussion } from "./discussion/export";
import { forgetVotesOf } from "./discussion/votes";
import { exportProgress } from "./progress/export";
import { publicUser } from "./users";

/** The user's data rights: the export of everything stored about them, and deleting the account. */

/** Everything stored about the user (later issues add their tables here). */
export async function exportUserData(userId: string) {
  const prisma = await ready();
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      ...publicUser,
      updatedAt: true,
      banReason: true,
      accounts: { select: { provider: true, providerAccountId: true, createdAt: true } },
      resetTokens: { select: { createdAt: true, expiresAt: true, usedAt: true } },
    },
  });
  if (!user) throw new AppError("NOT_FOUND", "No such user.");
  const audit = await prisma.auditLog.findMany({
    where: { targetUserId: userId },
    select: { action: true, reason: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  const [progress, discussion] = await Promise.all([exportProgress(userId), exportDiscussion(userId)]);
  return { exportedAt: new Date().toISOString(), user, progress, discussion, moderationHistory: audit };
}

/**
 * Deletes the account and its personal data. Rows that only identify the user go with it
 * (cascade: votes, reports, notifications); audit rows keep the action but lose the link (SET
 * NULL). Threads and posts stay, with the author set to null: they show as "[deleted account]"
 * with the body kept, so replies keep their context, and the helpful counts the user's votes
 * added are taken back in the same transaction (docs/decisions/008-discussion-and-moderation.md).
 */
export async function deleteAccount(input: { userId: string; password?: string }) {
  const prisma = await ready();
  const user = await prisma.user.findUnique({ where: { id: input.userId }, select: { passwordHash: true } });
  if (!user) throw new AppError("NOT_FOUND", "No such user.");
  if (user.passwordHash && !(input.password && (await verifyPassword(user.passwordHash, input.password)))) {
    throw new AppError("FORBIDDEN", "The password is not correct.", { field: "password" });
  }
  await prisma.$transaction(async (tx) => {
    await forgetVotesOf(tx, input.userId);
    await tx.user.delete({ where: { id: input.userId } });
  });
}
