// The server Playwright tests run against: the production build (`next start`) on its own
// database (E2E_DATABASE_URL, or a fresh embedded PGlite folder under data/e2e-pglite).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { SetupError, ensureBuild, loadSecrets, migrateDatabase, root, run } from "./lib/setup.mjs";

const port = process.env.E2E_PORT || "3100";
if (process.env.E2E_DATABASE_URL) {
  process.env.DATABASE_URL = process.env.E2E_DATABASE_URL;
} else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = path.join(root, "data", "e2e-pglite");
  fs.rmSync(process.env.PGLITE_DIR, { recursive: true, force: true });
}
process.env.AUTH_SECRET ||= "e2e-secret-e2e-secret-e2e-secret-e2e";
process.env.AUTH_TRUST_HOST = "true";
// The specs post hundreds of XSS vectors and naughty strings; the per-user posting limits (one post
// per 15 s, new-account daily caps) would make that take hours. Production never sets this; the
// limits themselves are proven in tests/discussion.test.ts with the switch unset.
process.env.DISCUSSION_RATE_LIMITS ??= "off";
process.env.OUTBOX_DIR = path.join(root, "data", "e2e-outbox");
fs.rmSync(process.env.OUTBOX_DIR, { recursive: true, force: true });

// Accounts the specs sign in as (e2e/fixtures.ts): made with the CLI, as a real deployment makes
// its first admin, before the server takes the database.
const SEEDED = [
  ["admin@e2e.test", "Ada Admin", "ADMIN"],
  ["mod@e2e.test", "Max Moderator", "MODERATOR"],
];
const SEED_PASSWORD = "e2e-correct-horse-42";

try {
  loadSecrets();
  await migrateDatabase();
  for (const [email, name, role] of SEEDED) {
    const r = run(path.join(root, "node_modules/.bin/tsx"), ["scripts/user.ts", "create", "--email", email, "--name", name, "--password", SEED_PASSWORD, "--role", role], { quiet: true });
    if (r.status !== 0) throw new SetupError(`seeding ${email} failed: ${r.stderr.trim()}`);
  }
  await ensureBuild();
} catch (error) {
  console.error(`e2e server: ${error instanceof SetupError ? error.message : error}`);
  process.exit(1);
}
const child = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", port, "-H", "127.0.0.1"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
