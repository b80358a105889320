// `npm start`: everything a fresh clone needs, then serve. Each step is skipped when up to date.
//   npm start                 install, generate, migrate, build, then serve on PORT (default 3000)
//   npm start -- --dev        the same, then serve `next dev` instead of build + start
// Serving is scripts/serve.mjs: Next.js behind our own node:http server (ADR 012).
//   npm run build             install, generate, build (no database)
import { spawn } from "node:child_process";
import path from "node:path";
import {
  SetupError,
  checkNode,
  checkTrustSettings,
  ensureBuild,
  ensureLabAssets,
  ensureServerWorkers,
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
  const origin = checkTrustSettings();
  await ensureServerWorkers();
  await migrateDatabase();
  if (dev) await ensureLabAssets();
  else await ensureBuild();

  log(`ready to serve after ${((performance.now() - started) / 1000).toFixed(1)} s: ${origin}`);
  const child = spawn(process.execPath, [path.join(root, "scripts/serve.mjs"), ...(dev ? ["--dev"] : [])], {
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
