import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { GET as getTracks } from "@/app/api/v1/tracks/route";
import { GET as getTrack } from "@/app/api/v1/tracks/[track]/route";
import { GET as getLesson } from "@/app/api/v1/tracks/[track]/lessons/[slug]/route";
import { GET as getVersions } from "@/app/api/v1/tracks/[track]/lessons/[slug]/versions/route";
import { GET as getDiff } from "@/app/api/v1/tracks/[track]/lessons/[slug]/diff/route";
import { withOutlineDemoTrack } from "@/tests/helpers/outline-content";

/**
 * The versioned content API against the real content/ folder: shapes, 404s and 400s, and HTTP
 * caching (ETag, 304, Cache-Control). Every body seen is kept and checked for leaks at the end.
 */

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const seenBodies: { url: string; status: number; text: string }[] = [];

async function call(handler: Handler, path: string, params: Record<string, string> = {}, headers: HeadersInit = {}) {
  const url = `http://localhost${path}`;
  const res = await handler(new NextRequest(url, { headers }), { params: Promise.resolve(params) });
  const text = await res.text();
  seenBodies.push({ url, status: res.status, text });
  return { res, status: res.status, text, json: () => JSON.parse(text) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const MIGRATIONS = { track: "sql", slug: "migrations-basics" };
const lessonPath = (slug: string, rest = "") => `/api/v1/tracks/sql/lessons/${slug}${rest}`;

async function expectError(
  promise: ReturnType<typeof call>,
  status: number,
  code: string,
  mentions: string[] = [],
): Promise<Record<string, unknown>> {
  const { res, json } = await promise;
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  const body = json();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  for (const m of mentions) expect(body.error.message).toContain(m);
  return body.error;
}

describe("GET /api/v1/tracks", () => {
  it("lists the SQL track with counts and levels in order", async () => {
    const { status, json } = await call(getTracks, "/api/v1/tracks");
    expect(status).toBe(200);
    const sql = json().tracks.find((t: { slug: string }) => t.slug === "sql");
    expect(sql).toMatchObject({ slug: "sql", title: "SQL", lessonCount: 36 });
    expect(typeof sql.description).toBe("string");
    expect(typeof sql.dialect).toBe("string");
    expect(sql.publishedCount).toBeGreaterThanOrEqual(6);
    expect(sql.publishedCount).toBeLessThanOrEqual(36);
    expect(sql.levels).toEqual(["beginner", "intermediate", "advanced"]);
  });
});

describe("GET /api/v1/tracks/{track}", () => {
  it("returns all 36 outline entries in step order, published or not", async () => {
    const { status, json } = await call(getTrack, "/api/v1/tracks/sql", { track: "sql" });
    expect(status).toBe(200);
    const body = json();
    expect(body).toMatchObject({ slug: "sql", title: "SQL", lessonCount: 36 });
    expect(body.lessons).toHaveLength(36);
    expect(body.lessons.map((l: { step: number }) => l.step)).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
    expect(body.lessons.filter((l: { published: boolean }) => l.published)).toHaveLength(body.publishedCount);

    const migrations = body.lessons[30];
    expect(migrations).toMatchObject({
      id: "b29bfc63-1d7f-4458-80d5-1403fd95ddf7",
      step: 31,
      slug: "migrations-basics",
      title: "Migrations basics",
      level: "advanced",
      published: true,
      currentVersion: "v20261202",
    });
    expect(migrations.readingMinutes).toBeGreaterThan(0);
    expect(migrations.summary).toEqual(expect.any(String));

    // the parts cover the steps in order, each closed by a capstone
    const parts = body.parts as { slug: string; lessons: string[]; capstone: { id: string; exerciseCount: number } | null }[];
    expect(parts.map((p) => p.slug)).toEqual(["basics", "joining-and-combining", "data-and-schema", "performance-and-correctness", "in-production"]);
    expect(parts.flatMap((p) => p.lessons)).toEqual(body.lessons.map((l: { slug: string }) => l.slug));
    expect(parts.at(-1)!.lessons[0]).toBe("migrations-basics");
    for (const p of parts) expect(p.capstone).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), exerciseCount: expect.any(Number) });
  });

  it("404s an unknown track, naming it", async () => {
    await expectError(call(getTrack, "/api/v1/tracks/nosuch", { track: "nosuch" }), 404, "NOT_FOUND", ["nosuch"]);
  });

  it("400s a malformed track slug, naming the field", async () => {
    for (const track of ["SQL", "..", "a/b", "sql%00"]) {
      const error = await expectError(call(getTrack, `/api/v1/tracks/x`, { track }), 400, "BAD_REQUEST", ["track"]);
      expect(error.fields).toHaveProperty("track");
    }
  });
});

describe("GET /api/v1/tracks/{track}/lessons/{slug}", () => {
  it("serves the current version of a published lesson", async () => {
    const { status, json } = await call(getLesson, lessonPath("migrations-basics"), MIGRATIONS);
    expect(status).toBe(200);
    const body = json();
    expect(body.track).toEqual({ slug: "sql", title: "SQL" });
    expect(body.lesson).toEqual({
      id: "b29bfc63-1d7f-4458-80d5-1403fd95ddf7",
      slug: "migrations-basics",
      step: 31,
      stepCount: 36,
      percentThroughTrack: 86,
    });
    expect(body.versions).toEqual(["v20260312", "v20260528", "v20261202"]);
    expect(body.isCurrent).toBe(true);

    const v = body.version;
    expect(v).toMatchObject({
      version: "v20261202",
      published: "2026-12-02",
      title: "Migrations basics",
      level: "advanced",
      mode: "sql_sandbox",
      modeLabel: "SQL sandbox",
      dataset: "shop",
      change: { kind: "major" },
    });
    expect(v.lastReviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(v.readingMinutes).toBeGreaterThan(0);
    expect(Object.keys(v.intro).sort()).toEqual(["position", "teaches", "where", "why"]);
    expect(typeof v.lead).toBe("string");
    expect(v.sections.map((s: { heading: string }) => s.heading)).toContain("Safe migration habits");
    for (const s of v.sections) expect(Object.keys(s).sort()).toEqual(["heading", "id", "markdown"]);
    expect(v.quiz.map((q: { id: string }) => q.id)).toContain("applied-table");
    for (const q of v.quiz) expect(q.choices.filter((c: { correct: boolean }) => c.correct)).toHaveLength(1);
    for (const part of ["interview", "selfCheck", "cards", "starterTopics"]) expect(v[part].length).toBeGreaterThan(0);
    expect(typeof v.tip).toBe("string");
    expect(v).not.toHaveProperty("words");
  });

  it("serves an older version with ?version=", async () => {
    const { status, json } = await call(getLesson, lessonPath("migrations-basics", "?version=v20260312"), MIGRATIONS);
    expect(status).toBe(200);
    const body = json();
    expect(body.isCurrent).toBe(false);
    expect(body.version.version).toBe("v20260312");
    expect(body.version.published).toBe("2026-03-12");
    expect(body.version.change.note).toBe("First published version.");
    expect(body.version.sections.map((s: { heading: string }) => s.heading)).not.toContain("Safe migration habits");
    expect(body.versions).toEqual(["v20260312", "v20260528", "v20261202"]);
  });

  it("treats ?version= naming the current version as current", async () => {
    const { json } = await call(getLesson, lessonPath("migrations-basics", "?version=v20261202"), MIGRATIONS);
    expect(json().isCurrent).toBe(true);
  });

  it("400s a malformed version, naming the field", async () => {
    for (const version of ["20260312", "v2026031", "latest", "", "v20260312x"]) {
      const path = lessonPath("migrations-basics", `?version=${encodeURIComponent(version)}`);
      const error = await expectError(call(getLesson, path, MIGRATIONS), 400, "BAD_REQUEST", ["version"]);
      expect(error.fields).toHaveProperty("version");
    }
  });

  it("404s a well-formed but unknown version", async () => {
    await expectError(call(getLesson, lessonPath("migrations-basics", "?version=v20250101"), MIGRATIONS), 404, "NOT_FOUND", [
      "v20250101",
    ]);
  });

  it("404s an unknown track and an unknown lesson", async () => {
    await expectError(call(getLesson, "/api/v1/tracks/nosuch/lessons/migrations-basics", { track: "nosuch", slug: "migrations-basics" }), 404, "NOT_FOUND", ["nosuch"]);
    await expectError(call(getLesson, lessonPath("no-such-lesson"), { track: "sql", slug: "no-such-lesson" }), 404, "NOT_FOUND", ["no-such-lesson"]);
  });

  it("rejects bad slugs with 400, never 500", async () => {
    for (const slug of ["Migrations-Basics", "..", "../track", "migrations basics", "-x", "x".repeat(101)]) {
      const { status, json } = await call(getLesson, lessonPath("x"), { track: "sql", slug });
      expect(status).toBe(400);
      expect(json().error.fields).toHaveProperty("slug");
    }
  });
});

describe("GET /api/v1/tracks/{track}/lessons/{slug}/versions", () => {
  it("lists versions newest first with their change notes", async () => {
    const { status, json } = await call(getVersions, lessonPath("migrations-basics", "/versions"), MIGRATIONS);
    expect(status).toBe(200);
    const { versions } = json();
    expect(versions.map((v: { version: string }) => v.version)).toEqual(["v20261202", "v20260528", "v20260312"]);
    expect(versions[0]).toMatchObject({ published: "2026-12-02", change: { kind: "major" } });
    expect(versions[1]).toMatchObject({ published: "2026-05-28", change: { kind: "major" } });
    expect(versions[2]).toEqual({
      version: "v20260312",
      published: "2026-03-12",
      lastReviewed: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      change: { kind: "major", note: "First published version." },
    });
  });

  it("404s an unknown track", async () => {
    await expectError(call(getVersions, "/api/v1/tracks/nosuch/lessons/x/versions", { track: "nosuch", slug: "x" }), 404, "NOT_FOUND", ["nosuch"]);
  });
});

/**
 * A lesson in a track's outline with no version yet (every SQL lesson is written, so a fixture track
 * under tests/fixtures/content is added to the loaded content for these tests).
 */
describe("a lesson that is in the outline but not written yet", () => {
  withOutlineDemoTrack();
  const params = { track: "outline-demo", slug: "coming-later" };
  const base = "/api/v1/tracks/outline-demo/lessons/coming-later";

  it("is listed in its track without a version, summary or reading time", async () => {
    const { status, json } = await call(getTrack, "/api/v1/tracks/outline-demo", { track: "outline-demo" });
    expect(status).toBe(200);
    expect(json()).toMatchObject({ lessonCount: 1, publishedCount: 0 });
    expect(json().lessons[0]).toMatchObject({ slug: "coming-later", published: false, currentVersion: null, readingMinutes: null, summary: null });
  });

  it("is a 404 naming it for the lesson and its versions", async () => {
    await expectError(call(getLesson, base, params), 404, "NOT_FOUND", ["coming-later"]);
    await expectError(call(getVersions, `${base}/versions`, params), 404, "NOT_FOUND");
  });
});

describe("GET /api/v1/tracks/{track}/lessons/{slug}/diff", () => {
  const diffPath = (query: string) => lessonPath("migrations-basics", `/diff${query}`);

  it("diffs v20260312 → v20260528 section by section", async () => {
    const { status, json } = await call(getDiff, diffPath("?from=v20260312&to=v20260528"), MIGRATIONS);
    expect(status).toBe(200);
    const diff = json();
    expect(diff).toMatchObject({ from: "v20260312", to: "v20260528", kind: "major" });
    expect(diff.notes).toEqual([{ version: "v20260528", kind: "major", note: expect.any(String) }]);
    expect(diff.sections).toContainEqual({ id: "safe-migration-habits", title: "Safe migration habits", status: "added" });
    expect(diff.sections).toContainEqual(expect.objectContaining({ title: "Expand and contract", status: "added" }));
    const addedQuiz = diff.quiz.filter((q: { status: string }) => q.status === "added").map((q: { id: string }) => q.id);
    expect(addedQuiz).toEqual(expect.arrayContaining(["not-null-order", "concurrently-transaction", "contract-step"]));
    expect(diff.quiz.filter((q: { status: string }) => q.status === "removed")).toEqual([]);
    // applied-table is in both versions; v20260528 reworded its explanations, so it is listed as changed
    const [older, current] = await Promise.all(
      ["v20260312", "v20260528"].map(async (version) => {
        const lesson = (await call(getLesson, lessonPath("migrations-basics", `?version=${version}`), MIGRATIONS)).json();
        return lesson.version.quiz.find((q: { id: string }) => q.id === "applied-table");
      }),
    );
    expect(older.question).toBe(current.question);
    expect(older.choices).not.toEqual(current.choices);
    expect(diff.quiz.filter((q: { id: string }) => q.id === "applied-table")).toEqual([
      { id: "applied-table", title: current.question, status: "changed" },
    ]);
    expect(Array.isArray(diff.other)).toBe(true);
    expect(Array.isArray(diff.newSelfCheck)).toBe(true);
  });

  it("defaults `to` to the current version", async () => {
    const explicit = (await call(getDiff, diffPath("?from=v20260312&to=v20261202"), MIGRATIONS)).json();
    const defaulted = await call(getDiff, diffPath("?from=v20260312"), MIGRATIONS);
    expect(defaulted.status).toBe(200);
    expect(defaulted.json()).toEqual(explicit);
  });

  it("400s missing or malformed from/to, naming the field", async () => {
    const cases: [string, string][] = [
      ["", "from"],
      ["?to=v20260528", "from"],
      ["?from=yesterday", "from"],
      ["?from=v20260312&to=latest", "to"],
      ["?from=v20260312&to=", "to"],
    ];
    for (const [query, field] of cases) {
      const error = await expectError(call(getDiff, diffPath(query), MIGRATIONS), 400, "BAD_REQUEST", [field]);
      expect(error.fields).toHaveProperty(field);
    }
  });

  it("400s when from is not older than to, with a clear message", async () => {
    const reversed = await expectError(call(getDiff, diffPath("?from=v20260528&to=v20260312"), MIGRATIONS), 400, "BAD_REQUEST");
    expect(reversed.message).toMatch(/from.*older/);
    const same = await expectError(call(getDiff, diffPath("?from=v20260528&to=v20260528"), MIGRATIONS), 400, "BAD_REQUEST");
    expect(same.message).toMatch(/from.*older/);
    // `to` defaulted to the current version, which is also `from`
    const current = await expectError(call(getDiff, diffPath("?from=v20261202"), MIGRATIONS), 400, "BAD_REQUEST");
    expect(current.message).toMatch(/from.*older/);
  });

  it("404s unknown versions and lessons", async () => {
    await expectError(call(getDiff, diffPath("?from=v20250101"), MIGRATIONS), 404, "NOT_FOUND", ["v20250101"]);
    await expectError(call(getDiff, diffPath("?from=v20260312&to=v20270101"), MIGRATIONS), 404, "NOT_FOUND", ["v20270101"]);
    await expectError(call(getDiff, lessonPath("window-functions", "/diff?from=v20260312"), { track: "sql", slug: "window-functions" }), 404, "NOT_FOUND");
  });
});

describe("HTTP caching", () => {
  const routes: [string, Handler, string, Record<string, string>][] = [
    ["tracks", getTracks, "/api/v1/tracks", {}],
    ["track", getTrack, "/api/v1/tracks/sql", { track: "sql" }],
    ["lesson", getLesson, lessonPath("migrations-basics"), MIGRATIONS],
    ["older lesson", getLesson, lessonPath("migrations-basics", "?version=v20260312"), MIGRATIONS],
    ["versions", getVersions, lessonPath("migrations-basics", "/versions"), MIGRATIONS],
    ["diff", getDiff, lessonPath("migrations-basics", "/diff?from=v20260312"), MIGRATIONS],
  ];

  it.each(routes)("%s: ETag + Cache-Control, then 304 with an empty body on If-None-Match", async (_name, handler, path, params) => {
    const first = await call(handler, path, params);
    expect(first.status).toBe(200);
    const etag = first.res.headers.get("etag");
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.res.headers.get("cache-control")).toMatch(/public/);
    expect(first.res.headers.get("cache-control")).toMatch(/max-age=\d+/);

    const again = await call(handler, path, params, { "If-None-Match": etag! });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    expect(again.res.headers.get("etag")).toBe(etag);

    const stale = await call(handler, path, params, { "If-None-Match": '"not-this-one"' });
    expect(stale.status).toBe(200);
  });

  it("gives different versions different ETags", async () => {
    const current = await call(getLesson, lessonPath("migrations-basics"), MIGRATIONS);
    const older = await call(getLesson, lessonPath("migrations-basics", "?version=v20260312"), MIGRATIONS);
    expect(current.res.headers.get("etag")).not.toBe(older.res.headers.get("etag"));
  });

  it("never caches errors", async () => {
    const { res } = await call(getTrack, "/api/v1/tracks/nosuch", { track: "nosuch" });
    expect(res.status).toBe(404);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("etag")).toBeNull();
  });
});

afterAll(() => {
  // Runs after every request above: nothing answered 500 or leaked a stack trace.
  expect(seenBodies.length).toBeGreaterThan(50);
  for (const { url, status, text } of seenBodies) {
    expect(status, url).toBeLessThan(500);
    expect(text, url).not.toMatch(/\n\s+at /);
    expect(text, url).not.toMatch(/\bat [\w.<>]+ \(/);
    expect(text, url).not.toMatch(/"INTERNAL"/);
  }
});
