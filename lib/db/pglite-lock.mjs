// One process owns an embedded PGlite folder: two processes writing it corrupt it. The owner
// writes its pid to <dir>/.lnv-owner; another live process refuses to open the folder.
// Plain ESM so both the app (lib/db/client.ts) and scripts/migrate.mjs use it.
import fs from "node:fs";
import path from "node:path";

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/** Throws a one-line Error when another live process owns `dir`; otherwise claims it. */
export function claimPgliteFolder(dir, what = "this process") {
  if (dir.startsWith("memory://")) return () => {};
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, ".lnv-owner");
  let owner = null;
  try {
    owner = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    owner = null;
  }
  if (owner && owner.pid !== process.pid && alive(owner.pid)) {
    throw new Error(
      `the embedded database ${dir} is in use by process ${owner.pid} (${owner.what}). ` +
        "Stop it first (one process at a time), or use PostgreSQL with DATABASE_URL.",
    );
  }
  fs.writeFileSync(file, JSON.stringify({ pid: process.pid, what }));
  return function release() {
    try {
      const now = JSON.parse(fs.readFileSync(file, "utf8"));
      if (now.pid === process.pid) fs.rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
}
