import type { ReactElement, ReactNode } from "react";
import { describe, expect, it } from "vitest";
import * as capstonePage from "@/app/tracks/[track]/capstones/[part]/page";
import TrackPage from "@/app/tracks/[track]/page";
import { LessonView } from "@/components/lesson/LessonView";
import { currentVersion, getTrack } from "@/lib/content";
import { lessonHtml } from "@/lib/content/lesson-html";

/**
 * The track page's parts and capstone entries, and the capstone page, asked of the pages' own code:
 * the element trees they return are walked for the components they place (the browser journey
 * itself is e2e/reader.spec.ts).
 */
type TElement = ReactElement<{ children?: ReactNode } & Record<string, unknown>>;

function elements(node: ReactNode): TElement[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!node || typeof node !== "object" || !("props" in node)) return [];
  const el = node as TElement;
  return [el, ...elements(el.props.children)];
}
const named = (tree: TElement[], name: string) =>
  tree.filter((e) => typeof e.type === "function" && e.type.name === name);

const sql = getTrack("sql")!;

describe("the track page", () => {
  it("shows each part as a heading over its lessons, in step order, closed by its capstone entry", async () => {
    const tree = elements(await TrackPage({ params: Promise.resolve({ track: "sql" }) }));
    const headings = tree.filter((e) => e.type === "h2").map((e) => e.props.children);
    expect(headings).toEqual(sql.parts.map((p) => p.title));
    const lists = tree.filter((e) => e.type === "ol");
    expect(lists.map((l) => l.props["aria-label"])).toEqual(sql.parts.map((p) => `${p.title} lessons`));
    for (const [i, list] of lists.entries()) {
      const rows = elements(list.props.children).filter((e) => typeof e.type === "function");
      const part = sql.parts[i]!;
      const names = rows.map((r) =>
        named([r], "CapstoneRow").length > 0 ? "capstone" : (r.props.lesson as { folder: string }).folder,
      );
      expect(names).toEqual([...part.lessons, "capstone"]);
      expect(rows.at(-1)!.props.capstone).toBe(part.capstone);
    }
  });
});

describe("the capstone page", () => {
  it("is prerendered for every part with a capstone, and for nothing else", () => {
    expect(capstonePage.dynamicParams).toBe(false);
    expect(capstonePage.generateStaticParams().filter((p) => p.track === "sql")).toEqual(
      sql.parts.map((p) => ({ track: "sql", part: p.slug })),
    );
  });

  it("renders the part's exercises in the lab's exercise section, recorded under the capstone's id", async () => {
    const part = sql.parts.find((p) => p.slug === "performance-and-correctness")!;
    const tree = elements(await capstonePage.default({ params: Promise.resolve({ track: "sql", part: part.slug }) }));
    expect(tree.find((e) => e.type === "h1")!.props.children).toEqual(["Capstone: ", part.title]);
    const [section] = named(tree, "ExerciseSection");
    expect(section!.props).toMatchObject({
      lessonId: part.capstone!.id,
      exercises: part.capstone!.exercises,
      datasetOf: "the shop and org datasets",
    });
    const [lab] = named(tree, "LabIsland");
    expect(lab!.props).toMatchObject({
      track: "sql",
      lessonId: part.capstone!.id,
      exercisesUrl: "/api/v1/tracks/sql/capstones/performance-and-correctness/exercises",
    });
  });

  it("is not found for an unknown part or track", async () => {
    for (const params of [
      { track: "sql", part: "no-such-part" },
      { track: "nope", part: "basics" },
    ]) {
      const error = await capstonePage.default({ params: Promise.resolve(params) }).then(
        () => null,
        (e: unknown) => e as { digest?: string },
      );
      expect(error?.digest).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    }
  });
});

describe("a lesson page", () => {
  async function lessonTree(folder: string) {
    const lesson = sql.lessons.find((l) => l.folder === folder)!;
    const v = currentVersion(lesson)!;
    return elements(LessonView({ track: sql, lesson, version: v, html: await lessonHtml(sql, lesson, v) }));
  }

  it("leads on to the part's capstone from the part's last lesson, with the part's steps", async () => {
    const part = sql.parts.find((p) => p.slug === "basics")!;
    const tree = await lessonTree(part.lessons.at(-1)!);
    const [link] = named(tree, "PartCapstoneLink");
    expect(link!.props).toMatchObject({ trackSlug: "sql", part: { slug: "basics", capstone: part.capstone }, steps: [1, 8] });
    // and the "On this page" list jumps to it
    expect(tree.filter((e) => e.type === "a").map((e) => e.props.href)).toContain("#part-capstone");
  });

  it("has no capstone link on a lesson inside a part", async () => {
    const tree = await lessonTree(sql.parts[0]!.lessons[0]!);
    expect(named(tree, "PartCapstoneLink")).toEqual([]);
    expect(tree.filter((e) => e.type === "a").map((e) => e.props.href)).not.toContain("#part-capstone");
  });
});
