// Generates the Prisma client into lib/db/generated without any native engine.
// `prisma generate` insists on a schema-engine binary path even though generating the
// TypeScript client never runs it, so we point it at a stub that refuses to run.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const stub = path.join(root, "scripts", "schema-engine-stub.sh");
const result = spawnSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "generate"], {
  cwd: root,
  stdio: ["ignore", "pipe", "pipe"],
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: stub,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
  encoding: "utf8",
});
if (result.status !== 0) {
  process.stderr.write(result.stdout + result.stderr);
  console.error("prisma generate failed (see above)");
  process.exit(1);
}
fs.mkdirSync(path.join(root, "lib/db/generated"), { recursive: true });
