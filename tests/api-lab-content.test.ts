import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { GET as getCapstoneExercises } from "@/app/api/v1/tracks/[track]/capstones/[part]/exercises/route";
import { GET as getDataset } from "@/app/api/v1/tracks/[track]/datasets/[name]/route";
import { GET as getExercises } from "@/app/api/v1/tracks/[track]/lessons/[slug]/exercises/route";
import type { TDatasetPayload, TLessonExercisesPayload } from "@/lib/content/api";
import { gradeExercise } from "@/lib/domain/grader";
import { datasetScripts, runAttempt } from "@/lib/lab/attempt";
import { sqliteForNode } from "@/lib/lab/engines/node";
import type { TLabDatabase } from "@/lib/lab/types";

/**
 * The SQL lab's content routes, called as Next calls them: the dataset a lab loads (with its hidden
 * variant) and a lesson's exercises with everything the browser needs to grade them. Shapes,
 * 404/400, and HTTP caching like the other content routes (ETag, 304, Cache-Control).
 */
type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: Handler, url: string, params: Record<string, string>, headers: HeadersInit = {}) {
  const res = await handler(new NextRequest(`http://localhost${url}`, { headers }), {
    params: Promise.resolve(params),
  });
  const text = await res.text();
  return { res, status: res.status, text, json: <T = Record<string, unknown>>() => JSON.parse(text) as T };
}

const CONTENT = path.resolve(import.meta.dirname, "../content");
const opened: TLabDatabase[] = [];
afterAll(async () => {
  await Promise.all(opened.map((db) => db.close()));
});

/** The `id:` of a lesson.yaml or capstone file under content/. */
const idInFile = (rel: string) => fs.readFileSync(path.join(CONTENT, rel), "utf8").match(/^id: (\S+)/m)![1];

/** An exercises route's answer (the describe names the route), checked to be a 200 with an ETag. */
async function exercisesPayload(handler: Handler, params: Record<string, string>) {
  const { status, res, json } = await call(handler, "/x", params);
  expect(status).toBe(200);
  expect(res.headers.get("etag")).toBeTruthy();
  return json<TLessonExercisesPayload>();
}

/**
 * Grades SQL for `exercise` from the route payloads alone, as the browser does: the dataset route's
 * SQL loaded into SQLite twice (visible and hidden variant), the attempt run on both.
 */
async function payloadGrader(exercise: TLessonExercisesPayload["exercises"][number]) {
  const dataset = (await call(getDataset, "/x", { track: "sql", name: exercise.dataset })).json<TDatasetPayload>();
  const scripts = datasetScripts(dataset, { variant: exercise.variant ?? undefined });
  const [visible, variant] = await Promise.all([sqliteForNode(scripts.visible), sqliteForNode(scripts.variant)]);
  opened.push(visible, variant);
  return async (sql: string) =>
    gradeExercise({
      exercise,
      visible: await runAttempt(visible, exercise, sql),
      variant: await runAttempt(variant, exercise, sql),
      learnerSql: sql,
    });
}

describe("GET /api/v1/tracks/{track}/datasets/{name}", () => {
  it("returns the dataset's SQL and its hidden variant, as the files hold them", async () => {
    const { status, res, json } = await call(getDataset, "/api/v1/tracks/sql/datasets/shop", {
      track: "sql",
      name: "shop",
    });
    expect(status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(json<TDatasetPayload>()).toEqual({
      name: "shop",
      sql: fs.readFileSync(path.join(CONTENT, "sql/datasets/shop.sql"), "utf8"),
      variantSql: fs.readFileSync(path.join(CONTENT, "sql/datasets/shop.variant.sql"), "utf8"),
    });
  });

  it("is cacheable: ETag, public Cache-Control, and 304 for a matching If-None-Match", async () => {
    const first = await call(getDataset, "/api/v1/tracks/sql/datasets/org", { track: "sql", name: "org" });
    const etag = first.res.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.res.headers.get("cache-control")).toBe(
      "public, max-age=60, s-maxage=300, stale-while-revalidate=86400",
    );
    const again = await call(
      getDataset,
      "/api/v1/tracks/sql/datasets/org",
      { track: "sql", name: "org" },
      { "If-None-Match": etag! },
    );
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    expect(again.res.headers.get("etag")).toBe(etag);
  });

  it("answers 404 for an unknown dataset or track, and 400 for a name that is not a slug", async () => {
    const unknown = await call(getDataset, "/api/v1/tracks/sql/datasets/warehouse", {
      track: "sql",
      name: "warehouse",
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining('"warehouse"'),
    });
    // a variant is not a dataset of its own
    expect((await call(getDataset, "/x", { track: "sql", name: "shop.variant" })).status).toBe(400);
    expect((await call(getDataset, "/x", { track: "nope", name: "shop" })).status).toBe(404);
    const bad = await call(getDataset, "/x", { track: "sql", name: "../shop" });
    expect(bad.status).toBe(400);
    expect(bad.json<{ error: { fields: Record<string, string[]> } }>().error.fields.name).toBeDefined();
  });
});

describe("GET /api/v1/tracks/{track}/lessons/{slug}/exercises", () => {
  it("returns the lesson's exercises with what grading needs", async () => {
    const body = await exercisesPayload(getExercises, { track: "sql", slug: "null-handling" });
    expect(body.lessonId).toBe(idInFile("sql/null-handling/lesson.yaml"));
    expect(body.exercises.map((x) => x.id)).toEqual(["unknown-city", "city-or-unknown", "not-in-null-trap"]);
    expect(body.exercises[0]).toEqual({
      id: "unknown-city",
      title: "Customers without a city",
      difficulty: "easy",
      prompt: "List the `name` of every customer whose city is unknown (NULL).",
      dataset: "shop",
      engines: ["sqlite", "postgres"],
      orderMatters: false,
      checkColumnNames: false,
      tolerance: null,
      solution: "SELECT name\nFROM customers\nWHERE city IS NULL;",
      hints: expect.arrayContaining([expect.stringContaining("IS NULL")]),
      wrong: [
        {
          query: "SELECT name FROM customers WHERE city = NULL;",
          feedback: expect.stringContaining("never true"),
          engines: null,
        },
      ],
      variant: null,
    });
  });

  it("carries enough to grade in the browser: the payloads alone grade the solution right and a wrong answer wrong", async () => {
    const exercises = (
      await call(getExercises, "/x", { track: "sql", slug: "outer-joins" })
    ).json<TLessonExercisesPayload>().exercises;
    const exercise = exercises.find((x) => x.id === "orders-per-customer")!;
    const attempt = await payloadGrader(exercise);
    expect(await attempt(exercise.solution)).toMatchObject({ passed: true });
    const wrong = exercise.wrong[0]!;
    expect(await attempt(wrong.query)).toMatchObject({ passed: false, feedback: wrong.feedback });
  });

  it("gives a lesson without exercises an empty list, and 404 for an unknown lesson or track", async () => {
    // a reading lesson: only sql_sandbox lessons can have exercises
    const reading = await call(getExercises, "/x", { track: "sql", slug: "production-checklist" });
    expect(reading.status).toBe(200);
    expect(reading.json<TLessonExercisesPayload>().exercises).toEqual([]);
    expect((await call(getExercises, "/x", { track: "sql", slug: "no-such-lesson" })).status).toBe(404);
    expect((await call(getExercises, "/x", { track: "nope", slug: "views" })).status).toBe(404);
    expect((await call(getExercises, "/x", { track: "sql", slug: "Views" })).status).toBe(400);
  });

  it("answers 304 when the client has the same exercises", async () => {
    const first = await call(getExercises, "/x", { track: "sql", slug: "subqueries" });
    const again = await call(
      getExercises,
      "/x",
      { track: "sql", slug: "subqueries" },
      { "If-None-Match": first.res.headers.get("etag")! },
    );
    expect(again.status).toBe(304);
  });
});

describe("GET /api/v1/tracks/{track}/capstones/{part}/exercises", () => {
  it("returns a part's capstone in the lesson shape, keyed by the capstone's id, and it grades like a lesson's", async () => {
    const body = await exercisesPayload(getCapstoneExercises, { track: "sql", part: "basics" });
    expect(body.lessonId).toBe(idInFile("sql/capstones/basics.yaml"));
    expect(body.exercises.map((x) => x.id)).toEqual(["cheapest-active", "category-stats", "cities-with-new-customers"]);

    const exercise = body.exercises.find((x) => x.id === "cities-with-new-customers")!;
    const attempt = await payloadGrader(exercise);
    expect(await attempt(exercise.solution)).toMatchObject({ passed: true });
    expect(await attempt(exercise.wrong[0]!.query)).toMatchObject({
      passed: false,
      feedback: exercise.wrong[0]!.feedback,
    });
  });

  it("answers 404 for a part without a capstone or an unknown track, and 400 for a part that is not a slug", async () => {
    const unknown = await call(getCapstoneExercises, "/x", { track: "sql", part: "no-such-part" });
    expect(unknown.status).toBe(404);
    expect(unknown.json<{ error: { message: string } }>().error.message).toContain('"no-such-part"');
    expect((await call(getCapstoneExercises, "/x", { track: "nope", part: "basics" })).status).toBe(404);
    const bad = await call(getCapstoneExercises, "/x", { track: "sql", part: "../basics" });
    expect(bad.status).toBe(400);
    expect(bad.json<{ error: { fields: Record<string, string[]> } }>().error.fields.part).toBeDefined();
  });
});
