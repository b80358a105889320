// Set-up steps shared by `npm start` and `npm test`. Each step is skipped when its output is
// already up to date, so a second run goes straight to serving. Only node: built-ins are
// imported at the top: this file runs before `npm ci` on a fresh clone.
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseTrustedProxies } from "../../lib/http/forwarded.mjs";
import { publicOrigin } from "../../lib/http/public-origin.mjs";

export const root = path.resolve(import.meta.dirname, "../..");
const p = (...parts) => path.join(root, ...parts);

export class SetupError extends Error {}

export function log(message) {
  console.log(`\x1b[36m▸\x1b[0m ${message}`);
}

/** Runs a step and prints how long it took. */
export async function step(label, fn) {
  const started = performance.now();
  const result = await fn();
  if (result !== "skip") log(`${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

export function run(command, args, { env = process.env, quiet = false } = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: quiet ? "pipe" : "inherit", env, encoding: "utf8" });
  if (result.error) throw new SetupError(`${command} could not be started: ${result.error.message}`);
  return result;
}

function sha256(...chunks) {
  const hash = createHash("sha256");
  for (const c of chunks) hash.update(c);
  return hash.digest("hex");
}

function readOr(file, fallback = null) {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return fallback;
  }
}

/** Whether a Node.js version ("20.19.0" or "v20.19.0") is one the project runs on (package.json's engines). */
export function supportedNode(version) {
  const [major, minor] = version.replace(/^v/, "").split(".").map(Number);
  return major > 20 || (major === 20 && minor >= 19);
}

export function checkNode() {
  if (!supportedNode(process.versions.node)) {
    throw new SetupError(`Node.js 20.19 or newer is needed (this is ${process.versions.node}).`);
  }
}

/**
 * npm ci when node_modules is missing or was installed from another lockfile. A node_modules that is
 * a link to another checkout (a git worktree sharing one install) is never reinstalled from here:
 * npm ci would replace the link and empty the other checkout's folder through it.
 */
export async function ensureInstall() {
  const stampFile = p("node_modules", ".lnv-install-stamp");
  const want = sha256(fs.readFileSync(p("package-lock.json")));
  if (readOr(stampFile) === want || fs.existsSync(p("node_modules", ".lnv-install-stamps", want))) return "skip";
  if (fs.existsSync(p("node_modules")) && fs.lstatSync(p("node_modules")).isSymbolicLink()) {
    log(
      "node_modules links to another checkout: not reinstalling it from here (run npm ci there if packages are missing)",
    );
    return "skip";
  }
  return step("installed dependencies (npm ci)", () => {
    const r = run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
    if (r.status !== 0) throw new SetupError("npm ci failed (see above). Is the npm registry reachable?");
    fs.writeFileSync(stampFile, want);
  });
}

/** Prisma client in lib/db/generated, regenerated when the schema or Prisma version changes. */
export async function ensurePrismaClient() {
  const stampFile = p("lib/db/generated", ".schema-hash");
  const want = sha256(fs.readFileSync(p("prisma/schema.prisma")), readOr(p("node_modules/prisma/package.json"), ""));
  if (readOr(stampFile) === want && fs.existsSync(p("lib/db/generated/client.ts"))) return "skip";
  return step("generated the Prisma client", () => {
    const r = run(process.execPath, [p("scripts/prisma-generate.mjs")]);
    if (r.status !== 0) throw new SetupError("prisma generate failed (see above).");
    fs.writeFileSync(stampFile, want);
  });
}

/**
 * Secrets. Embedded mode (no DATABASE_URL) generates them once into data/secrets.json, so a fresh
 * clone needs no .env. With DATABASE_URL (a real deployment) they must come from the environment.
 */
export const REQUIRED_SECRETS = {
  AUTH_SECRET: "a random string of at least 32 characters, e.g. from `openssl rand -base64 32`",
};

export function loadSecrets(env = process.env) {
  const missing = Object.keys(REQUIRED_SECRETS).filter((name) => !env[name]);
  if (missing.length === 0) return;
  if (env.DATABASE_URL) {
    const name = missing[0];
    throw new SetupError(
      `${name} is not set: with DATABASE_URL (production) set ${name} to ${REQUIRED_SECRETS[name]}.`,
    );
  }
  const file = p("data", "secrets.json");
  const stored = JSON.parse(readOr(file, "{}"));
  let changed = false;
  for (const name of missing) {
    if (!stored[name]) {
      stored[name] = randomBytes(32).toString("base64url");
      changed = true;
    }
    env[name] = stored[name];
  }
  if (changed) {
    fs.mkdirSync(p("data"), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2) + "\n", { mode: 0o600 });
    log("generated secrets for the embedded setup in data/secrets.json");
  }
}

/** lib/workers/generated: the server's worker threads bundled by esbuild (scripts/lib/workers.mjs). */
export async function ensureServerWorkers() {
  const { buildServerWorkers } = await import("./workers.mjs");
  return step("bundled the server's worker threads (esbuild)", () => buildServerWorkers());
}

/** What every command that runs the app from this checkout needs first: Node, packages, the Prisma client, the server's workers. */
export async function ensureCheckoutReady() {
  checkNode();
  await ensureInstall();
  await ensurePrismaClient();
  await ensureServerWorkers();
}

/**
 * The trust settings the server reads (docs/SECURITY.md): APP_URL (required with DATABASE_URL,
 * like AUTH_SECRET) and TRUSTED_PROXIES. A bad value stops start-up with one line naming it.
 */
export function checkTrustSettings(env = process.env) {
  try {
    parseTrustedProxies(env.TRUSTED_PROXIES);
    return publicOrigin(env).origin;
  } catch (error) {
    throw new SetupError(error.message);
  }
}

/** Applies pending migrations to the configured database (PostgreSQL or embedded PGlite). */
export async function migrateDatabase(env = process.env) {
  const { describeDatabase, isPostgresUrl, probePostgres } = await import("./database.mjs");
  if (env.DATABASE_URL) {
    if (!isPostgresUrl(env.DATABASE_URL)) {
      throw new SetupError(
        "DATABASE_URL must start with postgres:// or postgresql://, or be unset for the embedded database.",
      );
    }
    const problem = await probePostgres(env.DATABASE_URL);
    if (problem) throw new SetupError(problem);
  }
  return step(`migrated ${describeDatabase()}`, () => {
    const r = run(
      process.execPath,
      ["--experimental-wasm-modules", "--no-warnings", p("scripts/migrate.mjs"), "deploy"],
      {
        env,
      },
    );
    if (r.status !== 0)
      throw new SetupError("Start-up stopped: the database could not be migrated (see the line above).");
  });
}

// What the production build depends on. Anything else (tests, docs, data/) does not trigger a rebuild.
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "content",
  "public",
  "proxy.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];

function hashTree(hash, entry) {
  const full = p(entry);
  if (!fs.existsSync(full)) return;
  const stat = fs.statSync(full);
  if (stat.isDirectory()) {
    for (const child of fs.readdirSync(full).sort()) {
      if (child === "node_modules" || child.startsWith(".")) continue;
      hashTree(hash, path.join(entry, child));
    }
  } else {
    hash.update(entry);
    hash.update(fs.readFileSync(full));
  }
}

export function buildInputsHash() {
  const hash = createHash("sha256");
  for (const entry of BUILD_INPUTS) hashTree(hash, entry);
  return hash.digest("hex");
}

/**
 * The environment `next build` runs with. The build must never open a database (PGlite allows one
 * process; pages are static): lib/db/client.ts refuses to create a client while LNV_BUILDING is set,
 * so a page that queried the database would fail the build (tests/build-guard.test.ts).
 */
export function nextBuildEnv(base = process.env) {
  return { ...base, NEXT_TELEMETRY_DISABLED: "1", LNV_BUILDING: "1" };
}

/** The SQL lab's engine files in public/lab/<hash>/, which the app serves (lab-assets.mjs); skipped when current. */
export async function ensureLabAssets() {
  const { ensureLabAssets: build } = await import("./lab-assets.mjs");
  return step("built the SQL lab's engine files", () => build(root));
}

/** next build when .next is missing or was built from other sources. */
export async function ensureBuild({ force = false } = {}) {
  // The lab's files go into public/, which the build hashes and serves.
  await ensureLabAssets();
  const stampFile = p(".next", "lnv-build-hash");
  const want = buildInputsHash();
  if (!force && fs.existsSync(p(".next", "BUILD_ID")) && readOr(stampFile) === want) return "skip";
  return step("built the app (next build)", async () => {
    const r = run(p("node_modules/.bin/next"), ["build"], { env: nextBuildEnv() });
    if (r.status !== 0) throw new SetupError("next build failed (see above).");
    const { writeCspManifest } = await import("../csp-hashes.mjs");
    writeCspManifest(root);
    fs.writeFileSync(stampFile, want);
  });
}
