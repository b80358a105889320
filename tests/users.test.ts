import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { databaseReady, db } from "@/lib/db/client";
import { consumeLimit, checkLimit, LIMITS, resetLimit } from "@/lib/db/rate-limit";
import { deleteAccount, exportUserData } from "@/lib/db/account";
import { changePassword, createPasswordReset, resetPassword, verifyCredentials } from "@/lib/db/credentials";
import { getSessionState, revokeSessions } from "@/lib/db/sessions";
import { banUser, createUser, listUsers, setUserRole } from "@/lib/db/users";
import { AppError } from "@/lib/errors";

const unique = () => randomBytes(4).toString("hex");
const newUser = (role: "LEARNER" | "MODERATOR" | "ADMIN" = "LEARNER") =>
  createUser({ name: `User ${unique()}`, email: `u-${unique()}@test.example`, password: "a-fine-password-1", role });

async function expectAppError(p: Promise<unknown>, code: string) {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe("users (real database)", () => {
  it("stores an argon2id hash, never the password, and omits it from results", async () => {
    const user = await newUser();
    expect(user).not.toHaveProperty("passwordHash");
    await databaseReady();
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.passwordHash).not.toContain("a-fine-password-1");
    expect((await verifyCredentials(user.email, "a-fine-password-1")).status).toBe("ok");
    expect((await verifyCredentials(user.email, "wrong-password")).status).toBe("invalid");
    expect((await verifyCredentials("nobody@test.example", "a-fine-password-1")).status).toBe("invalid");
  });

  it("refuses a second account for the same email with CONFLICT", async () => {
    const user = await newUser();
    await expectAppError(createUser({ name: "Again", email: user.email, password: "another-password-1" }), "CONFLICT");
  });

  it("revoking sessions and changing the password bump the token version", async () => {
    const user = await newUser();
    const v0 = (await getSessionState(user.id))!.tokenVersion;
    expect(await revokeSessions(user.id)).toBe(v0 + 1);
    await expectAppError(changePassword({ userId: user.id, currentPassword: "wrong", newPassword: "new-password-22" }), "FORBIDDEN");
    await changePassword({ userId: user.id, currentPassword: "a-fine-password-1", newPassword: "new-password-22" });
    expect((await getSessionState(user.id))!.tokenVersion).toBe(v0 + 2);
    expect((await verifyCredentials(user.email, "new-password-22")).status).toBe("ok");
  });

  it("bans: staff only, not upwards, audited in the same transaction, and the user cannot sign in", async () => {
    const [learner, other, mod, admin] = await Promise.all([newUser(), newUser(), newUser("MODERATOR"), newUser("ADMIN")]);
    await expectAppError(banUser({ actor: learner, userId: other.id, reason: "x" }), "FORBIDDEN");
    await expectAppError(banUser({ actor: mod, userId: admin.id, reason: "x" }), "FORBIDDEN");
    await banUser({ actor: mod, userId: learner.id, reason: "spam" });
    expect((await verifyCredentials(learner.email, "a-fine-password-1")).status).toBe("banned");
    const audit = await db().auditLog.findMany({ where: { targetUserId: learner.id } });
    expect(audit.map((a) => [a.action, a.actorId, a.reason])).toEqual([["user.ban", mod.id, "spam"]]);
  });

  it("role changes: admins only, never their own, audited", async () => {
    const [learner, mod, admin] = await Promise.all([newUser(), newUser("MODERATOR"), newUser("ADMIN")]);
    await expectAppError(setUserRole({ actor: mod, userId: learner.id, role: "MODERATOR" }), "FORBIDDEN");
    await expectAppError(setUserRole({ actor: admin, userId: admin.id, role: "LEARNER" }), "FORBIDDEN");
    const updated = await setUserRole({ actor: admin, userId: learner.id, role: "MODERATOR" });
    expect(updated.role).toBe("MODERATOR");
    const audit = await db().auditLog.findFirstOrThrow({ where: { targetUserId: learner.id, action: "user.role" } });
    expect(audit.details).toEqual({ from: "LEARNER", to: "MODERATOR" });
  });

  it("lists users for admins with search and paging", async () => {
    const admin = await newUser("ADMIN");
    const tag = unique();
    for (let i = 0; i < 3; i++) await createUser({ name: `Paged ${tag} ${i}`, email: `paged-${tag}-${i}@test.example`, password: "a-fine-password-1" });
    const found = await listUsers({ actor: admin, q: tag.toUpperCase(), page: 1 });
    expect(found.total).toBe(3);
    expect(found.users.every((u) => u.name.includes(tag))).toBe(true);
    expect(found.users[0]).not.toHaveProperty("passwordHash");
    await expectAppError(listUsers({ actor: await newUser(), q: "", page: 1 }), "FORBIDDEN");
  });

  it("a reset token works once, within the hour, and ends other sessions", async () => {
    const user = await newUser();
    expect(await createPasswordReset("ghost@test.example")).toBeNull();
    const reset = (await createPasswordReset(user.email))!;
    const row = await db().passwordResetToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.tokenHash).not.toBe(reset.token);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(59 * 60 * 1000);
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60 * 1000);
    const before = (await getSessionState(user.id))!.tokenVersion;
    await resetPassword({ token: reset.token, password: "reset-password-33" });
    expect((await verifyCredentials(user.email, "reset-password-33")).status).toBe("ok");
    expect((await getSessionState(user.id))!.tokenVersion).toBe(before + 1);
    await expectAppError(resetPassword({ token: reset.token, password: "again-password-44" }), "BAD_REQUEST");

    const expired = (await createPasswordReset(user.email))!;
    await db().passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectAppError(resetPassword({ token: expired.token, password: "again-password-44" }), "BAD_REQUEST");
  });

  it("a new reset request kills the older link", async () => {
    const user = await newUser();
    const first = (await createPasswordReset(user.email))!;
    await createPasswordReset(user.email);
    await expectAppError(resetPassword({ token: first.token, password: "reset-password-55" }), "BAD_REQUEST");
  });

  it("exports the user's data and deletes the account with its personal data", async () => {
    const [user, admin] = await Promise.all([newUser(), newUser("ADMIN")]);
    await setUserRole({ actor: admin, userId: user.id, role: "MODERATOR" });
    const data = await exportUserData(user.id);
    expect(data.user.email).toBe(user.email);
    expect(JSON.stringify(data)).not.toMatch(/argon2/);
    expect(data.moderationHistory.map((a) => a.action)).toEqual(["user.role"]);

    await expectAppError(deleteAccount({ userId: user.id, password: "wrong" }), "FORBIDDEN");
    await deleteAccount({ userId: user.id, password: "a-fine-password-1" });
    expect(await db().user.findUnique({ where: { id: user.id } })).toBeNull();
    // the audit row stays, without the link to the deleted person
    const audit = await db().auditLog.findFirstOrThrow({ where: { actorId: admin.id, action: "user.role" } });
    expect(audit.targetUserId).toBeNull();
  });
});

describe("rate limits (state in the database)", () => {
  it("allows the budget, then refuses with a retry time", async () => {
    const key = `k-${unique()}`;
    for (let i = 0; i < LIMITS.signInAccount.points; i++) expect((await consumeLimit("signInAccount", key)).allowed).toBe(true);
    expect((await checkLimit("signInAccount", key)).allowed).toBe(false);
    const sixth = await consumeLimit("signInAccount", key);
    expect(sixth.allowed).toBe(false);
    if (!sixth.allowed) expect(sixth.retryAfterSeconds).toBeGreaterThan(60);
    expect((await checkLimit("signInAccount", `other-${unique()}`)).allowed).toBe(true);
    const rows = await db().rateLimit.findMany({ where: { key: { contains: key } } });
    expect(rows).toHaveLength(1);
  });

  it("starts a new window once the old one has expired, and reset clears the count", async () => {
    const key = `w-${unique()}`;
    for (let i = 0; i <= LIMITS.signInAccount.points; i++) await consumeLimit("signInAccount", key);
    expect((await consumeLimit("signInAccount", key)).allowed).toBe(false);
    // move the window's end into the past, as if 15 minutes went by
    await db().rateLimit.update({ where: { key: `signInAccount:${key}` }, data: { expire: new Date(Date.now() - 1000) } });
    expect((await consumeLimit("signInAccount", key)).allowed).toBe(true);
    const row = await db().rateLimit.findUniqueOrThrow({ where: { key: `signInAccount:${key}` } });
    expect(row.points).toBe(1);
    expect(row.expire!.getTime()).toBeGreaterThan(Date.now() + (LIMITS.signInAccount.duration - 60) * 1000);
    await resetLimit("signInAccount", key);
    expect(await db().rateLimit.findUnique({ where: { key: `signInAccount:${key}` } })).toBeNull();
  });

  it("counts concurrent attempts exactly", async () => {
    const key = `c-${unique()}`;
    const results = await Promise.all(Array.from({ length: 12 }, () => consumeLimit("signInIp", key)));
    expect(results.filter((r) => r.allowed)).toHaveLength(LIMITS.signInIp.points);
  });
});
