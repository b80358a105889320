import { describe, expect, it } from "vitest";
import { parse as parseYaml, stringify } from "yaml";
import { EXERCISE_DATASETS, exercise, frontMatter, lessonYaml, loadTree, loadTreeError, versionFile, type Files, type Tweak } from "./load-fixture";

/**
 * Parts of a track (track.yaml `parts`) and their capstone exercise sets (capstones/<part>.yaml):
 * what the loader accepts, and the one-line error for each problem (docs/CONTENT.md, "Parts and
 * capstones"). Each test writes a three-lesson track to a temp dir.
 */
const IDS = ["3b241101-e2bb-4255-8caf-4136c566a962", "9f0c6a57-1c1e-4b8e-9c43-5d6a2f0e7b11", "c5d9b2f4-7a61-4e0b-8f3a-2b8e1d4c6a90"];
const CAPSTONE_ID = "0d6f4a7e-5b1c-4c3e-9a2d-8e7f6b5a4c3d";
const LESSONS = ["one", "two", "three"];

type TPartYaml = { slug: string; title: string; lessons: string[] };
const PARTS: TPartYaml[] = [
  { slug: "first-steps", title: "First steps", lessons: ["one", "two"] },
  { slug: "going-further", title: "Going further", lessons: ["three"] },
];

const trackYaml = (parts: TPartYaml[] | undefined, lessons = LESSONS) =>
  stringify({ title: "SQL", description: "D.", dialect: "Standard SQL", practice: "P.", lessons, ...(parts ? { parts } : {}) });

function files(): Files {
  const f: Files = {
    "sql/track.yaml": trackYaml(PARTS),
    ...EXERCISE_DATASETS,
    "sql/capstones/first-steps.yaml": stringify({ id: CAPSTONE_ID, dataset: "shop", exercises: [exercise()] }),
  };
  LESSONS.forEach((slug, i) => {
    f[`sql/${slug}/lesson.yaml`] = lessonYaml(IDS[i]!, `Lesson ${slug}`);
    f[`sql/${slug}/v20260101.md`] = versionFile(frontMatter(slug));
  });
  return f;
}

const load = (tweak?: Tweak) => loadTree(files, tweak);
const loadError = (tweak: Tweak) => loadTreeError(files, tweak).message;

const withParts = (parts: TPartYaml[]) => (f: Files) => {
  f["sql/track.yaml"] = trackYaml(parts);
};
const withCapstone = (capstone: Record<string, unknown>, part = "first-steps") => (f: Files) => {
  f[`sql/capstones/${part}.yaml`] = stringify(capstone);
};

describe("track parts", () => {
  it("loads the parts in order, with the capstone of the part that has one", () => {
    const [track] = load();
    expect(track!.lessons.map((l) => [l.folder, l.step])).toEqual([
      ["one", 1],
      ["two", 2],
      ["three", 3],
    ]);
    expect(track!.parts).toEqual([
      {
        ...PARTS[0],
        capstone: {
          id: CAPSTONE_ID,
          dataset: "shop",
          exercises: [{ ...exercise(), dataset: "shop", engines: ["sqlite", "postgres"], orderMatters: false, checkColumnNames: false, wrong: [] }],
        },
      },
      { ...PARTS[1], capstone: null },
    ]);
  });

  it("are optional: a track without them has no parts", () => {
    const [track] = load((f) => {
      f["sql/track.yaml"] = trackYaml(undefined);
      f["sql/capstones/first-steps.yaml"] = undefined;
    });
    expect(track!.parts).toEqual([]);
    expect(track!.lessons).toHaveLength(3);
  });

  it("give a capstone's exercises the track's engines, and refuse an engine the track does not run", () => {
    const postgresOnly = (f: Files) => {
      f["sql/track.yaml"] = stringify({ ...parseYaml(f["sql/track.yaml"]!), engines: ["postgres"] });
    };
    const [track] = load(postgresOnly);
    expect(track!.parts[0]!.capstone!.exercises.map((x) => x.engines)).toEqual([["postgres"]]);
    expect(
      loadError((f) => {
        postgresOnly(f);
        withCapstone({ id: CAPSTONE_ID, dataset: "shop", exercises: [exercise({ engines: ["sqlite"] })] })(f);
      }),
    ).toBe("content/sql/capstones/first-steps.yaml: exercises.0.engines: sqlite is not one of the track's engines (track.yaml engines)");
  });

  it.each<[string, (f: Files) => void, string]>([
    [
      "a lesson in no part",
      withParts([{ slug: "first-steps", title: "First steps", lessons: ["one", "two"] }]),
      'content/sql/track.yaml: parts: "three" is in lessons but in no part',
    ],
    [
      "a lesson in two parts",
      withParts([PARTS[0]!, { slug: "going-further", title: "Going further", lessons: ["two", "three"] }]),
      'content/sql/track.yaml: parts.1.lessons.0: "two" is already in a part',
    ],
    [
      "a lesson twice in one part",
      withParts([{ slug: "first-steps", title: "First steps", lessons: ["one", "two", "one"] }, PARTS[1]!]),
      'content/sql/track.yaml: parts.0.lessons.2: "one" is already in a part',
    ],
    [
      "a part naming a folder that is not in lessons",
      withParts([PARTS[0]!, { slug: "going-further", title: "Going further", lessons: ["three", "four"] }]),
      'content/sql/track.yaml: parts.1.lessons.1: "four" is not in lessons',
    ],
    [
      "parts out of step order",
      withParts([{ slug: "first-steps", title: "First steps", lessons: ["two", "one"] }, PARTS[1]!]),
      'content/sql/track.yaml: parts: list the lessons in step order: step 1 is "one", not "two"',
    ],
    ["two parts with one slug", withParts([PARTS[0]!, { ...PARTS[1]!, slug: "first-steps" }]), "content/sql/track.yaml: parts: part slugs must be unique"],
    ["an empty part", withParts([PARTS[0]!, { ...PARTS[1]!, lessons: [] }]), "content/sql/track.yaml: parts.1.lessons: a part lists at least one lesson folder"],
  ])("are rejected for %s", (_, tweak, message) => {
    expect(loadError(tweak)).toBe(message);
  });
});

describe("capstones/<part>.yaml", () => {
  it.each<[string, (f: Files) => void, string]>([
    [
      "a file for no part",
      (f) => (f["sql/capstones/last-steps.yaml"] = f["sql/capstones/first-steps.yaml"]),
      'content/sql/capstones/last-steps.yaml: no part of track.yaml has the slug "last-steps"',
    ],
    [
      "an id a lesson already has",
      withCapstone({ id: IDS[1], dataset: "shop", exercises: [exercise()] }),
      "content/sql/capstones/first-steps.yaml: id: a lesson or another capstone has the same id",
    ],
    [
      "two capstones with one id",
      withCapstone({ id: CAPSTONE_ID, dataset: "shop", exercises: [exercise()] }, "going-further"),
      "content/sql/capstones/going-further.yaml: id: a lesson or another capstone has the same id",
    ],
    ["an id that is not a UUID", withCapstone({ id: "first", dataset: "shop", exercises: [exercise()] }), "content/sql/capstones/first-steps.yaml: id: id must be a UUID"],
    ["a missing dataset", withCapstone({ id: CAPSTONE_ID, exercises: [exercise()] }), "content/sql/capstones/first-steps.yaml: dataset: Invalid input"],
    [
      "an unknown dataset",
      withCapstone({ id: CAPSTONE_ID, dataset: "warehouse", exercises: [exercise()] }),
      "content/sql/capstones/first-steps.yaml: dataset: no datasets/warehouse.sql in this track",
    ],
    [
      "an exercise dataset without a variant",
      withCapstone({ id: CAPSTONE_ID, dataset: "shop", exercises: [exercise({ dataset: "org" })] }),
      "content/sql/capstones/first-steps.yaml: exercises.0.dataset: datasets/org.variant.sql is missing",
    ],
    [
      "an exercise in the wrong shape",
      withCapstone({ id: CAPSTONE_ID, dataset: "shop", exercises: [exercise({ hints: [] })] }),
      "content/sql/capstones/first-steps.yaml: exercises.0.hints: at least one hint",
    ],
    ["an unknown key", withCapstone({ id: CAPSTONE_ID, dataset: "shop", title: "T", exercises: [exercise()] }), 'content/sql/capstones/first-steps.yaml: title: Unrecognized key'],
  ])("is rejected for %s", (_, tweak, message) => {
    expect(loadError(tweak)).toContain(message);
  });
});
