import { z } from "zod";
import { DIFFICULTIES, EXERCISE_ENGINES } from "@/lib/content/schema";
import { contracts } from "@/lib/http/contract";
import { notFound, ZCapstoneParams, ZDatasetParams, ZLessonParams } from "./content";

/** The SQL lab's API: exercises and datasets are content, public and cacheable like lessons. */

const ZEngine = z.enum(EXERCISE_ENGINES);
export const ZDatasetPayload = z.object({ name: z.string(), sql: z.string(), variantSql: z.string().nullable() });
export const ZLessonExercises = z.object({
  lessonId: z.uuid(),
  exercises: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      difficulty: z.enum(DIFFICULTIES),
      prompt: z.string(),
      dataset: z.string(),
      engines: z.array(ZEngine),
      orderMatters: z.boolean(),
      checkColumnNames: z.boolean(),
      tolerance: z.number().nullable(),
      solution: z.string(),
      hints: z.array(z.string()),
      wrong: z.array(z.object({ query: z.string(), feedback: z.string(), engines: z.array(ZEngine).nullable() })),
      variant: z.string().nullable(),
    }),
  ),
});

const lab = contracts("SQL lab", "public");

const getLessonExercises = lab.get("/api/v1/tracks/{track}/lessons/{slug}/exercises", "A lesson's SQL lab exercises, with what the browser needs to grade them",
  { params: ZLessonParams, response: ZLessonExercises, errors: notFound("track or lesson") });

const getCapstoneExercises = lab.get("/api/v1/tracks/{track}/capstones/{part}/exercises", "A part's capstone exercises in the lesson shape; lessonId is the capstone's id, which solves are stored under",
  { params: ZCapstoneParams, response: ZLessonExercises, errors: notFound("track or capstone") });

const getDataset = lab.get("/api/v1/tracks/{track}/datasets/{name}", "A dataset's SQL, and the hidden variant exercises are also graded on",
  { params: ZDatasetParams, response: ZDatasetPayload, errors: notFound("track or dataset") });

export const labApi = { exercises: getLessonExercises, capstoneExercises: getCapstoneExercises, dataset: getDataset };
