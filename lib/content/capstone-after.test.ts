import { describe, expect, it } from "vitest";
import { capstoneAfter, getTrack, type TCapstone, type TLesson, type TPart, type TTrack } from "./index";

/** Which lesson page leads to a part's capstone (the "Part capstone" link under the lesson). */
const lesson = (folder: string, published = true) =>
  ({ id: `id-${folder}`, folder, title: folder, level: "beginner", step: 0, versions: published ? [{}] : [], exercises: [] }) as unknown as TLesson;
const CAPSTONE = { id: "capstone-id", dataset: "shop", exercises: [] } as unknown as TCapstone;

function track(lessons: TLesson[], parts: TPart[]): TTrack {
  return { slug: "t", title: "T", lessons, parts } as unknown as TTrack;
}

describe("capstoneAfter", () => {
  it("is the part's capstone on the part's last lesson, and nothing on the others", () => {
    const [a, b, c] = [lesson("a"), lesson("b"), lesson("c")];
    const t = track([a, b, c], [
      { slug: "one", title: "One", lessons: ["a", "b"], capstone: CAPSTONE },
      { slug: "two", title: "Two", lessons: ["c"], capstone: null },
    ]);
    expect(capstoneAfter(t, a)).toBeUndefined();
    expect(capstoneAfter(t, b)).toMatchObject({ slug: "one", title: "One", capstone: CAPSTONE });
    // the last lesson of a part without a capstone leads nowhere
    expect(capstoneAfter(t, c)).toBeUndefined();
  });

  it("moves to the last published lesson while the part's last one is only in the outline", () => {
    const [a, b, c] = [lesson("a"), lesson("b"), lesson("c", false)];
    const t = track([a, b, c], [{ slug: "one", title: "One", lessons: ["a", "b", "c"], capstone: CAPSTONE }]);
    expect(capstoneAfter(t, b)?.slug).toBe("one");
    expect(capstoneAfter(t, a)).toBeUndefined();
  });

  it("is nothing in a track without parts", () => {
    const a = lesson("a");
    expect(capstoneAfter(track([a], []), a)).toBeUndefined();
  });

  it("leads from the last lesson of each SQL part to that part's capstone", () => {
    const sql = getTrack("sql")!;
    const leading = sql.lessons.flatMap((l) => {
      const part = capstoneAfter(sql, l);
      return part ? [[l.folder, part.slug]] : [];
    });
    expect(leading).toEqual(sql.parts.map((p) => [p.lessons.at(-1), p.slug]));
    expect(leading).toHaveLength(5);
  });
});
