// Account administration from the command line (the first admin is made here).
//   npm run user -- create --email a@b.c --name "Ada" --password '...' [--role ADMIN]
//   npm run user -- promote a@b.c [--role MODERATOR|ADMIN]     (default ADMIN)
//   npm run user -- demote a@b.c                                  (back to LEARNER)
//   npm run user -- ban a@b.c --reason "spam"
//   npm run user -- unban a@b.c
// Uses DATABASE_URL or the embedded database (which must not be in use by a running server).
import { parseArgs } from "node:util";
import { closeDatabase, databaseReady, db } from "@/lib/db/client";
import { createUser, getUserByEmail, revokeSessions } from "@/lib/db/users";
import { passwordProblem } from "@/lib/domain/password-policy";
import { ROLES, type TRole } from "@/lib/domain/roles";
import { ZEmail, ZName } from "@/lib/schemas/auth";

function fail(message: string): never {
  console.error(`user: ${message}`);
  process.exit(1);
}

async function findOrFail(emailArg: string | undefined) {
  const email = ZEmail.safeParse(emailArg ?? "");
  if (!email.success) fail("give the account's email address");
  const user = await getUserByEmail(email.data);
  if (!user) fail(`no account with email ${email.data}`);
  return user;
}

async function audit(action: string, targetUserId: string, details: Record<string, string>) {
  await db().auditLog.create({ data: { actorId: null, action, targetUserId, details: { ...details, via: "cli" } } });
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      role: { type: "string" },
      reason: { type: "string" },
    },
  });
  const [command, emailArg] = positionals;
  const role = (values.role?.toUpperCase() ?? "ADMIN") as TRole;
  if (values.role && !ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(", ")}`);
  await databaseReady();

  switch (command) {
    case "create": {
      const email = ZEmail.safeParse(values.email ?? emailArg ?? "");
      if (!email.success) fail("--email must be a valid email address");
      const name = ZName.safeParse(values.name ?? "");
      if (!name.success) fail(`--name: ${name.error.issues[0]!.message}`);
      const password = values.password ?? "";
      const problem = passwordProblem(password, { email: email.data, name: name.data });
      if (problem) fail(`--password ${problem}`);
      const user = await createUser({ email: email.data, name: name.data, password, role: values.role ? role : "LEARNER" });
      await audit("user.create", user.id, { role: user.role });
      console.log(`created ${user.email} (${user.role})`);
      break;
    }
    case "promote":
    case "demote": {
      const user = await findOrFail(emailArg);
      const next: TRole = command === "demote" ? "LEARNER" : role;
      await db().user.update({ where: { id: user.id }, data: { role: next } });
      await audit("user.role", user.id, { from: user.role, to: next });
      console.log(`${user.email}: ${user.role} -> ${next}`);
      break;
    }
    case "ban": {
      const user = await findOrFail(emailArg);
      const reason = values.reason?.trim() || fail("--reason is required");
      await db().user.update({ where: { id: user.id }, data: { bannedAt: new Date(), banReason: reason } });
      await revokeSessions(user.id);
      await audit("user.ban", user.id, { reason });
      console.log(`${user.email} is banned and signed out everywhere`);
      break;
    }
    case "unban": {
      const user = await findOrFail(emailArg);
      await db().user.update({ where: { id: user.id }, data: { bannedAt: null, banReason: null } });
      await audit("user.unban", user.id, {});
      console.log(`${user.email} is no longer banned`);
      break;
    }
    default:
      fail("usage: npm run user -- create|promote|demote|ban|unban ... (see scripts/user.ts)");
  }
}

main()
  .catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`user: ${message.split("\n")[0]}`);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());
