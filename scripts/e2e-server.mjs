// The servers Playwright tests run against: the production build served by scripts/serve.mjs, each
// on its own database.
//   node scripts/e2e-server.mjs            the main server on E2E_PORT (default 3100): E2E_DATABASE_URL, or a fresh
//                                          embedded PGlite folder (data/e2e-pglite). It trusts loopback as its proxy
//                                          (TRUSTED_PROXIES=127.0.0.1), as a deployment behind nginx does, so each spec
//                                          can be its own client by sending X-Forwarded-For.
//   node scripts/e2e-server.mjs --direct   the "direct" server on E2E_DIRECT_PORT (default E2E_PORT + 1): a fresh
//                                          embedded database and no trusted proxy, as a fresh `npm start` is; its mail
//                                          goes to SMTP on E2E_DIRECT_SMTP_PORT (default E2E_PORT + 2), where
//                                          e2e/security.spec.ts listens when it needs to. It waits for the main one's build.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import {
  SetupError,
  buildInputsHash,
  ensureBuild,
  ensureServerWorkers,
  loadSecrets,
  migrateDatabase,
  root,
  run,
} from "./lib/setup.mjs";

const direct = process.argv.includes("--direct");
const mainPort = Number(process.env.E2E_PORT || 3100);
const port = direct ? Number(process.env.E2E_DIRECT_PORT || mainPort + 1) : mainPort;
const data = (name) => path.join(root, "data", direct ? `e2e-direct-${name}` : `e2e-${name}`);

if (process.env.E2E_DATABASE_URL && !direct) {
  process.env.DATABASE_URL = process.env.E2E_DATABASE_URL;
} else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = data("pglite");
  fs.rmSync(process.env.PGLITE_DIR, { recursive: true, force: true });
}
process.env.PORT = String(port);
process.env.APP_URL = `http://127.0.0.1:${port}`;
process.env.AUTH_SECRET ||= "e2e-secret-e2e-secret-e2e-secret-e2e";
process.env.OUTBOX_DIR = data("outbox");
fs.rmSync(process.env.OUTBOX_DIR, { recursive: true, force: true });
if (direct) {
  delete process.env.TRUSTED_PROXIES;
  delete process.env.DISCUSSION_RATE_LIMITS;
  process.env.SMTP_URL = `smtp://127.0.0.1:${Number(process.env.E2E_DIRECT_SMTP_PORT || mainPort + 2)}`;
  // A post's render budget is 500 ms; e2e/security.spec.ts proves the refusal here with a body that
  // takes 0.6 s or more, so this server's budget is 50 ms, a wide margin. Nobody else posts here.
  process.env.POST_RENDER_BUDGET_MS = "50";
} else {
  process.env.TRUSTED_PROXIES = "127.0.0.1";
  delete process.env.SMTP_URL;
  // The specs post hundreds of XSS vectors and naughty strings; the per-user posting limits (one post
  // per 15 s, new-account daily caps) would make that take hours. Production never sets this; the
  // limits themselves are proven in tests/discussion.test.ts with the switch unset.
  process.env.DISCUSSION_RATE_LIMITS ??= "off";
  // Reports count toward auto-hide only from established accounts (a day old, with a post or a
  // completed lesson); the specs' accounts are minutes old, so here a post is enough.
  process.env.REPORTER_MIN_AGE_HOURS = "0";
}

// Accounts the specs sign in as (e2e/fixtures.ts): made with the CLI, as a real deployment makes
// its first admin, before the server takes the database.
const SEEDED = direct
  ? [
      ["direct@e2e.test", "Dee Direct", "LEARNER"],
      ["render@e2e.test", "Ren Render", "LEARNER"],
    ]
  : [
      ["admin@e2e.test", "Ada Admin", "ADMIN"],
      ["mod@e2e.test", "Max Moderator", "MODERATOR"],
    ];
const SEED_PASSWORD = "e2e-correct-horse-42";

/** The direct server serves the build the main one makes; it must not build at the same time. */
async function waitForBuild() {
  const stamp = path.join(root, ".next", "lnv-build-hash");
  const want = buildInputsHash();
  const deadline = Date.now() + 10 * 60_000;
  while (!(fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === want)) {
    if (Date.now() > deadline) throw new SetupError("the main e2e server's build did not finish within 10 minutes");
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

try {
  loadSecrets();
  await migrateDatabase();
  for (const [email, name, role] of SEEDED) {
    const r = run(path.join(root, "node_modules/.bin/tsx"), ["scripts/user.ts", "create", "--email", email, "--name", name, "--password", SEED_PASSWORD, "--role", role], { quiet: true });
    if (r.status !== 0) throw new SetupError(`seeding ${email} failed: ${r.stderr.trim()}`);
  }
  if (direct) {
    await waitForBuild();
  } else {
    await ensureServerWorkers();
    await ensureBuild();
  }
} catch (error) {
  console.error(`e2e server: ${error instanceof SetupError ? error.message : error}`);
  process.exit(1);
}
const child = spawn(process.execPath, [path.join(root, "scripts/serve.mjs")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, HOSTNAME_BIND: "127.0.0.1", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
