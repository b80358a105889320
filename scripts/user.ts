// Account administration from the command line (the first admin is made here).
//   npm run user -- create --email a@b.c --name "Ada" --password '...' [--role ADMIN]
//   npm run user -- promote a@b.c [--role MODERATOR|ADMIN]     (default ADMIN)
//   npm run user -- demote a@b.c                                  (back to LEARNER)
//   npm run user -- ban a@b.c --reason "spam"
//   npm run user -- unban a@b.c
// Uses DATABASE_URL or the embedded database (which must not be in use by a running server).
// The commands themselves are in scripts/lib/user-command.ts (tested by tests/users-cli.test.ts).
import { closeDatabase, databaseReady } from "@/lib/db/client";
import { runUserCommand } from "./lib/user-command";

async function main() {
  await databaseReady();
  console.log(await runUserCommand(process.argv.slice(2)));
}

main()
  .catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`user: ${message.split("\n")[0]}`);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());
