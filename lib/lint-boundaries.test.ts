import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The import boundaries of eslint.config.mjs, checked by linting tiny fixtures with the project's
 * real config: a broken or deleted rule makes a "refused" case pass silently no more.
 */
const root = path.resolve(import.meta.dirname, "..");
let eslint: ESLint;

beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
  // The first lint loads the whole config and its plugins (seconds on a busy machine).
  await eslint.lintText("", { filePath: path.join(root, "components/Warmup.tsx") });
}, 120_000);

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("import boundaries", () => {
  it.each([
    ["components/discussion/Fixture.tsx", 'import type { TPostView } from "@/lib/db/discussion";\nexport type T = TPostView;', /never lib\/db/],
    ["components/progress/Fixture.tsx", 'import { getUser } from "../../lib/db/users";\nexport const f = getUser;', /never lib\/db/],
    ["components/ui/Fixture.tsx", 'import { db } from "@/lib/db/client";\nexport const d = db;', /Only lib\/db talks to Prisma/],
    ["components/lesson/Fixture.tsx", 'import { renderMarkdown } from "@/lib/content/markdown";\nexport const r = renderMarkdown;', /only lay it out/],
    ["components/auth/Fixture.tsx", 'import { passwordProblem } from "@/lib/domain/password-policy";\nexport const p = passwordProblem;', /220 KB gzipped/],
    ["lib/domain/fixture.ts", 'import { NextResponse } from "next/server";\nexport const r = NextResponse;', /no Next\.js/],
    ["lib/domain/fixture.ts", 'import { auth } from "next-auth";\nexport const a = auth;', /no Next\.js/],
    ["lib/domain/fixture.ts", 'import { Prisma } from "@prisma/client";\nexport const p = Prisma;', /Only lib\/db talks to Prisma/],
    ["lib/domain/fixture.ts", 'import type { Post } from "@/lib/db/generated/client";\nexport type P = Post;', /Only lib\/db talks to Prisma/],
    ["lib/domain/fixture.ts", 'import { listThreads } from "@/lib/db/discussion";\nexport const l = listThreads;', /pure logic/],
    ["app/dashboard/fixture.tsx", 'import { db } from "@/lib/db/client";\nexport const d = db;', /Only lib\/db talks to Prisma/],
    ["lib/auth/fixture.ts", 'import { PrismaClient } from "../db/generated/client";\nexport const c = PrismaClient;', /Only lib\/db talks to Prisma/],
    ["lib/schemas/fixture.ts", 'import { catalogTracks } from "@/lib/content/catalog";\nexport const t = catalogTracks;', /pure contracts/],
    ["lib/schemas/fixture.ts", 'import { getTracks } from "../content";\nexport const t = getTracks;', /pure contracts/],
    ["lib/schemas/fixture.ts", 'import { getThread } from "@/lib/db/discussion/threads";\nexport const g = getThread;', /pure contracts/],
  ])("refuses %s: %s", async (file, code, message) => {
    expect(await restrictedImports(file, code)).toContainEqual(expect.stringMatching(message));
  });

  it.each([
    ["lib/db/fixture.ts", 'import { PrismaClient } from "./generated/client";\nexport const c = PrismaClient;'],
    ["tests/fixture.test.ts", 'import { db } from "@/lib/db/client";\nexport const d = db;'],
    ["scripts/fixture.ts", 'import { db } from "@/lib/db/client";\nexport const d = db;'],
    ["app/api/v1/fixture/route.ts", 'import { listThreads } from "@/lib/db/discussion";\nexport const l = listThreads;'],
    ["components/discussion/Fixture.tsx", 'import type { TPostView } from "@/lib/schemas/discussion-views";\nexport type T = TPostView;'],
    ["lib/domain/fixture.ts", 'import { z } from "zod";\nexport const s = z.string();'],
    ["lib/schemas/fixture.ts", 'import type { getThread } from "@/lib/db/discussion/threads";\nexport type G = typeof getThread;'],
    ["lib/schemas/fixture.ts", 'import { ZSlug } from "@/lib/content/schema";\nexport const s = ZSlug;'],
  ])("allows %s: %s", async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
