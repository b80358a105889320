import { describe, expect, it } from "vitest";
import * as lessonPage from "@/app/tracks/[track]/[lesson]/page";
import * as versionPage from "@/app/tracks/[track]/[lesson]/v/[version]/page";
import { withOutlineDemoTrack } from "@/tests/helpers/outline-content";

/**
 * A lesson listed in a track's outline with no version yet must be a 404 page. Every SQL lesson is
 * written, so the e2e server (which serves the real content/) has no such lesson to open; here the
 * fixture track tests/fixtures/content/outline-demo (one lesson, "coming-later", no version file)
 * is added to the loaded content and the lesson pages' own code is asked. Next answers 404 for a
 * path that `generateStaticParams` did not list when `dynamicParams` is false, and for a page
 * that calls `notFound()`; both are checked.
 */
const loadedTracks = withOutlineDemoTrack();

/** The digest Next gives the error notFound() throws; its handler turns it into a 404 page. */
async function notFoundDigest(render: () => Promise<unknown>): Promise<string | undefined> {
  const error = await render().then(
    () => null,
    (e: unknown) => e as { digest?: string },
  );
  return error?.digest;
}

describe("a lesson in the outline that is not written yet", () => {
  const unwritten = { track: "outline-demo", lesson: "coming-later" };

  it("is in its track's outline (so the fixture really has one)", () => {
    const track = loadedTracks().find((t) => t.slug === "outline-demo")!;
    expect(track.lessons.map((l) => [l.folder, l.versions.length])).toEqual([["coming-later", 0]]);
  });

  it("gets no lesson page: not prerendered, no other paths allowed, and the page itself says not found", async () => {
    expect(lessonPage.dynamicParams).toBe(false);
    const params = lessonPage.generateStaticParams();
    expect(params).toContainEqual({ track: "sql", lesson: "migrations-basics" });
    expect(params.filter((p) => p.track === "outline-demo")).toEqual([]);
    expect(await notFoundDigest(() => lessonPage.default({ params: Promise.resolve(unwritten) }))).toBe(
      "NEXT_HTTP_ERROR_FALLBACK;404",
    );
    // the same page renders a written lesson (the check above is not a page that always throws)
    await expect(lessonPage.default({ params: Promise.resolve({ track: "sql", lesson: "migrations-basics" }) })).resolves.toBeTruthy();
  });

  it("gets no version page either", async () => {
    expect(versionPage.dynamicParams).toBe(false);
    expect(versionPage.generateStaticParams().filter((p) => p.track === "outline-demo")).toEqual([]);
    const params = Promise.resolve({ ...unwritten, version: "v20260101" });
    expect(await notFoundDigest(() => versionPage.default({ params }))).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
  });
});
