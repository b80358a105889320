import { parseArgs } from "node:util";
import { COMMAND_LINE } from "@/lib/db/audit";
import { banUser, createUser, getUserByEmail, setUserRole, unbanUser } from "@/lib/db/users";
import { passwordProblem } from "@/lib/domain/password-policy";
import { ROLES, type TRole } from "@/lib/domain/roles";
import { ZEmail, ZName } from "@/lib/schemas/auth";

/**
 * The commands of scripts/user.ts. They call the same service functions as the admin and moderation
 * routes, as COMMAND_LINE (an admin without an account): the same rules, and every change with its
 * audit row (actor null, `via: "cli"`) in one transaction. Returns the line to print; a refusal is
 * thrown as a UserCommandError (or the service's AppError) whose message is printed instead.
 */
export class UserCommandError extends Error {}

function fail(message: string): never {
  throw new UserCommandError(message);
}

async function findOrFail(emailArg: string | undefined) {
  const email = ZEmail.safeParse(emailArg ?? "");
  if (!email.success) fail("give the account's email address");
  const user = await getUserByEmail(email.data);
  if (!user) fail(`no account with email ${email.data}`);
  return user;
}

export async function runUserCommand(args: string[]): Promise<string> {
  const { positionals, values } = parseArgs({
    args,
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

  switch (command) {
    case "create": {
      const email = ZEmail.safeParse(values.email ?? emailArg ?? "");
      if (!email.success) fail("--email must be a valid email address");
      const name = ZName.safeParse(values.name ?? "");
      if (!name.success) fail(`--name: ${name.error.issues[0]!.message}`);
      const password = values.password ?? "";
      const problem = passwordProblem(password, { email: email.data, name: name.data });
      if (problem) fail(`--password ${problem}`);
      const user = await createUser({
        email: email.data,
        name: name.data,
        password,
        role: values.role ? role : "LEARNER",
        createdBy: COMMAND_LINE,
      });
      return `created ${user.email} (${user.role})`;
    }
    case "promote":
    case "demote": {
      const user = await findOrFail(emailArg);
      const next: TRole = command === "demote" ? "LEARNER" : role;
      await setUserRole({ actor: COMMAND_LINE, userId: user.id, role: next });
      return `${user.email}: ${user.role} -> ${next}`;
    }
    case "ban": {
      const user = await findOrFail(emailArg);
      const reason = values.reason?.trim() || fail("--reason is required");
      await banUser({ actor: COMMAND_LINE, userId: user.id, reason });
      return `${user.email} is banned and signed out everywhere`;
    }
    case "unban": {
      const user = await findOrFail(emailArg);
      await unbanUser({ actor: COMMAND_LINE, userId: user.id });
      return `${user.email} is no longer banned`;
    }
    default:
      fail("usage: npm run user -- create|promote|demote|ban|unban ... (see scripts/user.ts)");
  }
}
