// The SQL lab's engine files (docs/decisions/014-sql-lab-in-the-browser.md), generated into
// public/lab/<version>/ (git-ignored) before `next build`, so the app serves them itself:
//
//   sqlite-worker.js     the SQLite worker (components/lab/worker/sqlite.ts + @sqlite.org/sqlite-wasm), esbuild
//   postgres-worker.js   the PostgreSQL worker (components/lab/worker/postgres.ts + @electric-sql/pglite), esbuild
//   sqlite3.wasm.gz      the engines' own files, gzip -9 (the workers decompress them), so what
//   pglite.wasm.gz       crosses the network does not depend on the server compressing them
//   initdb.wasm.gz       (next start only compresses "compressible" types, and .data is not one)
//   pglite.data.gz
//   pgdata.tar.gz        a PostgreSQL data directory made once by initdb in Node (PGlite's
//                        dumpDataDir), so the browser starts PostgreSQL without running initdb
//   manifest.json        version and sizes (scripts/bench/lab.mjs reads it)
// and public/lab-sw.js, the service worker that keeps the lab working offline.
//
// <version> is a hash of everything served from the folder, so a changed file is a new URL and the
// folder can be cached as immutable (next.config.ts). Only node: built-ins at the top (see setup.mjs).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const COPIED = [
  ["sqlite3.wasm", "@sqlite.org/sqlite-wasm/dist/sqlite3.wasm"],
  ["pglite.wasm", "@electric-sql/pglite/dist/pglite.wasm"],
  ["initdb.wasm", "@electric-sql/pglite/dist/initdb.wasm"],
  ["pglite.data", "@electric-sql/pglite/dist/pglite.data"],
];

function sha256(...chunks) {
  const hash = createHash("sha256");
  for (const c of chunks) hash.update(c);
  return hash.digest("hex");
}

function packageVersion(root, name) {
  return JSON.parse(fs.readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")).version;
}

/** A fresh PGlite data directory (initdb output), made once per PGlite version and kept in data/. */
async function pgDataDir(root) {
  const version = packageVersion(root, "@electric-sql/pglite");
  const file = path.join(root, "data", "lab", `pgdata-${version}.tar.gz`);
  if (!fs.existsSync(file)) {
    const { PGlite } = await import("@electric-sql/pglite");
    const pg = new PGlite();
    await pg.waitReady;
    const blob = await pg.dumpDataDir("gzip");
    await pg.close();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  }
  return { bytes: fs.readFileSync(file), key: `pgdata:${version}` };
}

async function bundle(esbuild, root, entryPoints, define) {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "eof",
    write: false,
    metafile: true,
    outdir: "out",
    define,
    // PGlite imports node:module only when it runs in Node (behind a check): never in the browser.
    external: ["node:*"],
    logLevel: "silent",
  });
  const outputs = Object.fromEntries(result.outputFiles.map((f) => [path.basename(f.path), Buffer.from(f.contents)]));
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes("node_modules") && fs.existsSync(path.join(root, f)));
  return { outputs, inputs };
}

/** What the lab files are made from: our sources the bundles read, the lockfile and this script. */
function inputsHash(root, inputs) {
  const hash = createHash("sha256");
  for (const file of [...inputs].sort().concat("package-lock.json", "scripts/lib/lab-assets.mjs")) {
    hash.update(file);
    try {
      hash.update(fs.readFileSync(path.join(root, file)));
    } catch {
      hash.update("\0missing");
    }
  }
  return hash.digest("hex");
}

/** Builds the lab's files into public/lab/<version>/ (removing older versions) and public/lab-sw.js; returns the version. */
export async function buildLabAssets(root) {
  const esbuild = await import("esbuild");
  const modules = path.join(root, "node_modules");

  const files = {};
  for (const [name, from] of COPIED) files[`${name}.gz`] = gzipSync(fs.readFileSync(path.join(modules, from)), { level: 9 });
  const pgdata = await pgDataDir(root);
  files["pgdata.tar.gz"] = pgdata.bytes;
  const sizes = Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, bytes.length]));

  const { outputs: workers, inputs: workerInputs } = await bundle(
    esbuild,
    root,
    { "sqlite-worker": "components/lab/worker/sqlite.ts", "postgres-worker": "components/lab/worker/postgres.ts" },
    { __LAB_FILE_SIZES__: JSON.stringify(sizes) },
  );
  Object.assign(files, workers);

  // The data directory's bytes differ on every initdb (timestamps): its PGlite version stands in for it.
  const names = Object.keys(files).sort();
  const version = sha256(
    ...names.map((n) => (n === "pgdata.tar.gz" ? `${n}\0${pgdata.key}` : `${n}\0${sha256(files[n])}`)),
  ).slice(0, 12);

  const labDir = path.join(root, "public", "lab");
  const dir = path.join(labDir, version);
  const { outputs: sw, inputs: swInputs } = await bundle(esbuild, root, { "lab-sw": "components/lab/sw.ts" }, {
    __LAB_VERSION__: JSON.stringify(version),
  });
  const swFile = path.join(root, "public", "lab-sw.js");
  const swChanged = !fs.existsSync(swFile) || !fs.readFileSync(swFile).equals(sw["lab-sw.js"]);

  if (!fs.existsSync(path.join(dir, "manifest.json"))) {
    fs.rmSync(labDir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const name of names) fs.writeFileSync(path.join(dir, name), files[name]);
    const manifest = {
      version,
      sqlite: packageVersion(root, "@sqlite.org/sqlite-wasm"),
      pglite: packageVersion(root, "@electric-sql/pglite"),
      files: Object.fromEntries(names.map((n) => [n, files[n].length])),
    };
    fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  }
  if (swChanged) fs.writeFileSync(swFile, sw["lab-sw.js"]);
  const inputs = [...new Set([...workerInputs, ...swInputs])];
  fs.writeFileSync(stampPath(root), JSON.stringify({ version, inputs, hash: inputsHash(root, inputs) }));
  return version;
}

const stampPath = (root) => path.join(root, "data", "lab", "stamp.json");

/** Builds the lab's files unless the last build was made from the same inputs and is still there. */
export async function ensureLabAssets(root) {
  let stamp = null;
  try {
    stamp = JSON.parse(fs.readFileSync(stampPath(root), "utf8"));
  } catch {
    // never built here
  }
  if (
    stamp &&
    currentLabVersion(root) === stamp.version &&
    fs.existsSync(path.join(root, "public", "lab-sw.js")) &&
    inputsHash(root, stamp.inputs) === stamp.hash
  ) {
    return "skip";
  }
  return buildLabAssets(root);
}

/** The version folder under public/lab, or null before the first build (next.config.ts reads it). */
export function currentLabVersion(root) {
  try {
    return fs.readdirSync(path.join(root, "public", "lab")).find((d) => /^[0-9a-f]{12}$/.test(d)) ?? null;
  } catch {
    return null;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(import.meta.dirname, "../..");
  const started = performance.now();
  const built = await (process.argv.includes("--force") ? buildLabAssets(root) : ensureLabAssets(root));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(built === "skip" ? `lab files up to date in public/lab/${currentLabVersion(root)}` : `lab files in public/lab/${built} (${seconds} s)`);
}
