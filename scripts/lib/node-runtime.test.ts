import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { instanceNode } from "./node-runtime.mjs";

describe("instanceNode (npm run topology -- --node)", () => {
  it("takes the path of a Node.js binary and reports its version", () => {
    expect(instanceNode(process.execPath)).toEqual({ binary: process.execPath, version: process.version });
  });

  it("refuses a path that is not a Node.js binary, naming the option and what to give", () => {
    expect(() => instanceNode("/no/such/node")).toThrow(
      /^--node \/no\/such\/node: not a Node\.js binary \(give a major version/,
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lnv-node-"));
    try {
      const fake = path.join(dir, "node");
      fs.writeFileSync(fake, "#!/bin/sh\necho hello\n", { mode: 0o755 });
      expect(() => instanceNode(fake)).toThrow(/not a Node\.js binary/);
      const old = path.join(dir, "old-node");
      fs.writeFileSync(old, "#!/bin/sh\necho v18.20.0\n", { mode: 0o755 });
      expect(() => instanceNode(old)).toThrow(/Node\.js 20\.19 or newer is needed \(it is v18\.20\.0\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
