import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import madge from "madge";
import { describe, expect, it } from "vitest";

/**
 * No module under lib/, app/ or components/ imports, through any chain, a module that imports it
 * back (issue 14). Cycles made lib/db/discussion.ts and lib/db/users.ts one lump; services import
 * downwards only (docs/ARCHITECTURE.md, "Services").
 */
const root = path.resolve(import.meta.dirname, "..");

/** The settings `npx madge --circular lib app components` reads too (.madgerc: "@/" paths, no generated code). */
const settings = JSON.parse(fs.readFileSync(path.join(root, ".madgerc"), "utf8")) as { fileExtensions: string[]; excludeRegExp: string[] };

const graphOf = (dirs: string[], baseDir: string) =>
  madge(dirs, { ...settings, baseDir, tsConfig: path.join(root, "tsconfig.json"), excludeRegExp: settings.excludeRegExp.map((re) => new RegExp(re)) });

describe("import cycles (madge)", () => {
  it("lib, app and components have none", async () => {
    const graph = await graphOf(["lib", "app", "components"].map((d) => path.join(root, d)), root);
    // the graph is real: "@/..." imports are resolved, so a cycle through them would show
    expect(graph.obj()["lib/db/discussion/threads.ts"]).toEqual(expect.arrayContaining(["lib/domain/discussion.ts", "lib/db/discussion/actors.ts"]));
    expect(graph.circular()).toEqual([]);
  }, 60_000);

  it("would report one", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lnv-cycle-"));
    try {
      fs.writeFileSync(path.join(dir, "a.ts"), 'import { b } from "./b";\nexport const a = () => b;\n');
      fs.writeFileSync(path.join(dir, "b.ts"), 'import { a } from "./a";\nexport const b = () => a;\n');
      expect((await graphOf([dir], dir)).circular()).toEqual([["a.ts", "b.ts"]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
