// Server worker threads are TypeScript in lib/workers/*.worker.ts; a worker thread can load neither
// TypeScript nor the "@/" paths, so each is bundled by esbuild into lib/workers/generated/*.mjs
// (git-ignored). Rebuilt when lib/ or the lockfile changed (a stamp beside the output).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const outDir = path.join(root, "lib/workers/generated");
const stampFile = path.join(outDir, ".stamp");

function hashInputs() {
  const hash = createHash("sha256");
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated" && !entry.name.startsWith(".")) walk(full);
      } else if (/\.(ts|mts|mjs)$/.test(entry.name) && !entry.name.endsWith(".test.ts")) {
        hash.update(path.relative(root, full));
        hash.update(fs.readFileSync(full));
      }
    }
  };
  walk(path.join(root, "lib"));
  hash.update(fs.readFileSync(path.join(root, "package-lock.json")));
  return hash.digest("hex");
}

/** Builds lib/workers/generated/*.mjs when out of date; returns "skip" when it was current. */
export async function buildServerWorkers({ force = false } = {}) {
  const want = hashInputs();
  const entries = fs.readdirSync(path.join(root, "lib/workers")).filter((f) => f.endsWith(".worker.ts"));
  const current = entries.every((f) => fs.existsSync(path.join(outDir, f.replace(/\.ts$/, ".mjs"))));
  if (!force && current && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === want) return "skip";
  const { build } = await import("esbuild");
  fs.mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: entries.map((f) => path.join(root, "lib/workers", f)),
    outdir: outDir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    alias: { "@": root },
    // CommonJS dependencies bundled into ESM still call require() for Node's built-ins.
    banner: { js: 'import { createRequire as __lnvRequire } from "node:module"; const require = __lnvRequire(import.meta.url);' },
    logLevel: "error",
  });
  fs.writeFileSync(stampFile, want);
}
