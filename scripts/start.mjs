// `npm start`: everything a fresh clone needs, then serve. Each step is skipped when up to date.
//   npm start                 install, generate, migrate, build, `next start` on PORT (default 3000)
//   npm start -- --dev        the same, then `next dev` instead of build + start
//   npm run build             install, generate, build (no database)
import { spawn } from "node:child_process";
import path from "node:path";
import {
  SetupError,
  checkNode,
  ensureBuild,
  ensureInstall,
  ensurePrismaClient,
  loadSecrets,
  log,
  migrateDatabase,
  root,
} from "./lib/setup.mjs";

const args = process.argv.slice(2);
const dev = args.includes("--dev");
const buildOnly = args.includes("--build-only");

async function main() {
  const started = performance.now();
  checkNode();
  await ensureInstall();
  await ensurePrismaClient();
  if (buildOnly) {
    await ensureBuild();
    return;
  }
  loadSecrets();
  process.env.AUTH_TRUST_HOST ??= "true";
  await migrateDatabase();
  if (!dev) await ensureBuild();

  const port = process.env.PORT || "3000";
  const nextBin = path.join(root, "node_modules/.bin/next");
  const nextArgs = dev ? ["dev", "-p", port] : ["start", "-p", port];
  if (process.env.HOSTNAME_BIND) nextArgs.push("-H", process.env.HOSTNAME_BIND);
  log(`ready to serve after ${((performance.now() - started) / 1000).toFixed(1)} s: http://localhost:${port}`);
  const child = spawn(nextBin, nextArgs, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: dev ? "development" : "production" },
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error) => {
  if (error instanceof SetupError) {
    console.error(`npm start: ${error.message}`);
  } else {
    console.error(`npm start: unexpected failure: ${error?.message ?? error}`);
  }
  process.exit(1);
});
