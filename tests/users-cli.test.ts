import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { databaseReady, db } from "@/lib/db/client";
import { createUser } from "@/lib/db/users";
import { runUserCommand } from "@/scripts/lib/user-command";

const unique = () => randomBytes(4).toString("hex");
const newUser = () => createUser({ name: `Cli ${unique()}`, email: `cli-${unique()}@test.example`, password: "a-fine-password-1" });

async function auditOf(userId: string) {
  return db().auditLog.findMany({
    where: { targetUserId: userId },
    select: { actorId: true, action: true, reason: true, details: true },
    orderBy: { createdAt: "asc" },
  });
}

async function userRow(id: string) {
  return db().user.findUniqueOrThrow({ where: { id }, select: { role: true, bannedAt: true, banReason: true, tokenVersion: true } });
}

describe("npm run user (scripts/user.ts through the user services)", () => {
  it("creates, promotes, demotes, bans and unbans, each with its audit row (actor null, via cli)", async () => {
    await databaseReady();
    const email = `cli-new-${unique()}@test.example`;
    expect(await runUserCommand(["create", "--email", email, "--name", "Ada Admin", "--password", "a-long-cli-password-9", "--role", "ADMIN"])).toBe(
      `created ${email} (ADMIN)`,
    );
    const created = await db().user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    const user = await newUser();
    expect(await runUserCommand(["promote", user.email, "--role", "moderator"])).toBe(`${user.email}: LEARNER -> MODERATOR`);
    expect((await userRow(user.id)).role).toBe("MODERATOR");
    await runUserCommand(["demote", user.email]);
    const before = await userRow(user.id);
    await runUserCommand(["ban", user.email, "--reason", "spam links"]);
    const banned = await userRow(user.id);
    expect(banned.bannedAt).not.toBeNull();
    expect(banned.banReason).toBe("spam links");
    expect(banned.tokenVersion).toBe(before.tokenVersion + 1);
    await runUserCommand(["unban", user.email]);
    expect((await userRow(user.id)).bannedAt).toBeNull();

    expect(await auditOf(created.id)).toEqual([{ actorId: null, action: "user.create", reason: null, details: { role: "ADMIN", via: "cli" } }]);
    expect(await auditOf(user.id)).toEqual([
      { actorId: null, action: "user.role", reason: null, details: { from: "LEARNER", to: "MODERATOR", via: "cli" } },
      { actorId: null, action: "user.role", reason: null, details: { from: "MODERATOR", to: "LEARNER", via: "cli" } },
      { actorId: null, action: "user.ban", reason: "spam links", details: { via: "cli" } },
      { actorId: null, action: "user.unban", reason: null, details: { via: "cli" } },
    ]);
  });

  it("refuses what the services refuse: unknown accounts, a second ban, an unban of someone not banned", async () => {
    const user = await newUser();
    await expect(runUserCommand(["promote", `nobody-${unique()}@test.example`])).rejects.toThrow(/no account with email/);
    await expect(runUserCommand(["unban", user.email])).rejects.toThrow("This user is not banned.");
    await runUserCommand(["ban", user.email, "--reason", "spam"]);
    await expect(runUserCommand(["ban", user.email, "--reason", "again"])).rejects.toThrow("This user is already banned.");
    await expect(runUserCommand(["ban", user.email])).rejects.toThrow("--reason is required");
    expect((await auditOf(user.id)).map((a) => a.action)).toEqual(["user.ban"]);
  });

  it("when the audit row cannot be written, the role change, the ban and the new account are rolled back", async () => {
    await databaseReady();
    const prisma = db();
    const user = await newUser();
    const email = `cli-refused-${unique()}@test.example`;
    const trigger = `lnv_test_fail_cli_audit_${unique()}`;
    await prisma.$executeRawUnsafe(`CREATE FUNCTION ${trigger}() RETURNS trigger AS $$
      BEGIN
        IF NEW.actor_id IS NULL AND NEW.details->>'via' = 'cli'
          AND (NEW.target_user_id = '${user.id}' OR NEW.action = 'user.create') THEN
          RAISE EXCEPTION 'audit refused by ${trigger}';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await prisma.$executeRawUnsafe(`CREATE TRIGGER ${trigger} BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION ${trigger}()`);
    try {
      const before = await userRow(user.id);
      await expect(runUserCommand(["promote", user.email, "--role", "ADMIN"])).rejects.toThrow(`audit refused by ${trigger}`);
      await expect(runUserCommand(["ban", user.email, "--reason", "spam"])).rejects.toThrow(`audit refused by ${trigger}`);
      expect(await userRow(user.id)).toEqual(before);
      await expect(
        runUserCommand(["create", "--email", email, "--name", "Refused", "--password", "a-long-cli-password-9"]),
      ).rejects.toThrow(`audit refused by ${trigger}`);
      expect(await prisma.user.findUnique({ where: { email } })).toBeNull();
      expect(await auditOf(user.id)).toEqual([]);
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER ${trigger} ON audit_log`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION ${trigger}()`);
    }
  });
});
