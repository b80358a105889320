import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { databaseReady, db } from "@/lib/db/client";
// @ts-expect-error plain ESM helper without types
import { nextBuildEnv } from "../scripts/lib/setup.mjs";
import { root } from "./helpers/env";

/**
 * `next build` never opens the database (PGlite allows one process, and lesson pages are static).
 * The proof is a chain, each link tested here: the build runs with LNV_BUILDING set; with it set,
 * the one place that opens a database refuses to; and there is no other place. A page that read the
 * database during prerendering would therefore fail the build that `npm test` runs before e2e.
 */
afterEach(() => {
  delete process.env.LNV_BUILDING;
});

describe("the build never opens the database", () => {
  it("next build runs with LNV_BUILDING set", () => {
    expect(nextBuildEnv({ PATH: "/bin" })).toEqual({ PATH: "/bin", NEXT_TELEMETRY_DISABLED: "1", LNV_BUILDING: "1" });
    const setup = fs.readFileSync(path.join(root, "scripts/lib/setup.mjs"), "utf8");
    expect(setup).toMatch(/run\(p\("node_modules\/\.bin\/next"\), \["build"\], \{ env: nextBuildEnv\(\) \}\)/);
  });

  it("with LNV_BUILDING set, the database client refuses to open; without it, it opens", async () => {
    process.env.LNV_BUILDING = "1";
    expect(() => db()).toThrow("The database was opened during `next build`: a page that reads it must be dynamic.");
    expect(() => databaseReady()).toThrow(/opened during `next build`/);
    delete process.env.LNV_BUILDING;
    await databaseReady();
    expect(await db().$queryRaw<{ one: number }[]>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });

  it("only lib/db/client.ts creates a database client", () => {
    const creators: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== "generated" && entry.name !== "node_modules") walk(rel);
        } else if (/\.(ts|tsx|mjs)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
          const source = fs.readFileSync(path.join(root, rel), "utf8");
          if (/new (PrismaClient|PrismaPg|PrismaPGlite)\(/.test(source)) creators.push(rel);
        }
      }
    };
    for (const dir of ["app", "lib", "components"]) walk(dir);
    expect(creators).toEqual(["lib/db/client.ts"]);
  });
});
