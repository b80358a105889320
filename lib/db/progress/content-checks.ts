import { catalogExerciseSet, catalogLesson, catalogTracks } from "@/lib/content/catalog";
import { parseItemKey, type TMutation } from "@/lib/domain/progress";
import { ZMutation, ZProgressQuery, ZSyncRequest } from "@/lib/schemas/progress";

/**
 * The progress API's checks against the content, kept out of lib/schemas (pure contracts): a sync
 * batch's lessons exist and are published, versions are theirs, indexes are in range; a `?track=`
 * names a track. The route handlers parse with the schemas below, which are the contracts' schemas
 * plus these checks, so a problem is the same 422 (body) or 400 (query) naming the field, e.g.
 * `mutations.3.version`, reported together with the batch's other problems, and nothing is written.
 */

type Issue = { path: (string | number)[]; message: string };

/** The content checks of one mutation (the shape is already valid). */
function contentProblems(m: TMutation, at: number): Issue[] {
  const path = (field: string) => ["mutations", at, field];
  if (m.kind === "review") {
    const item = parseItemKey(m.itemKey);
    if (!item) return [{ path: path("itemKey"), message: 'must be "lesson:<lessonId>" or "card:<lessonId>:<n>"' }];
    const lesson = catalogLesson(item.lessonId);
    if (!lesson) return [{ path: path("itemKey"), message: "names no published lesson" }];
    if (item.type === "card" && item.index >= lesson.cards.length) {
      return [
        {
          path: path("itemKey"),
          message: `the lesson has ${lesson.cards.length} cards (0 to ${lesson.cards.length - 1})`,
        },
      ];
    }
    return [];
  }
  if (m.kind === "exercise") {
    // a capstone's exercises are recorded under the capstone's id, like a lesson's under the lesson's
    const set = catalogExerciseSet(m.lessonId);
    if (!set) return [{ path: path("lessonId"), message: "is not a published lesson or a capstone" }];
    const exercise = set.exercises.find((x) => x.id === m.exerciseId);
    if (!exercise) return [{ path: path("exerciseId"), message: "is not an exercise of this lesson" }];
    if (!exercise.engines.includes(m.engine))
      return [{ path: path("engine"), message: `this exercise runs on ${exercise.engines.join(" and ")}` }];
    return [];
  }
  const lesson = catalogLesson(m.lessonId);
  if (!lesson) return [{ path: path("lessonId"), message: "is not a published lesson" }];
  const issues: Issue[] = [];
  if (m.kind === "complete" || m.kind === "quiz") {
    const version = lesson.versions.find((v) => v.version === m.version);
    if (!version) {
      issues.push({
        path: path("version"),
        message: `is not a version of this lesson (${lesson.versions.map((v) => v.version).join(", ")})`,
      });
    } else if (m.kind === "quiz") {
      if (m.total !== version.quizIds.length)
        issues.push({ path: path("total"), message: `must be ${version.quizIds.length}, the number of questions` });
      if (m.score > m.total) issues.push({ path: path("score"), message: "must not be more than total" });
      const unknown = Object.keys(m.answers).find((q) => !version.quizIds.includes(q));
      if (unknown) issues.push({ path: path("answers"), message: `"${unknown}" is not a question of ${m.version}` });
    }
  }
  if (m.kind === "selfCheck") {
    const most = Math.max(...lesson.versions.map((v) => v.selfCheckCount));
    if (m.index >= most) issues.push({ path: path("index"), message: `must be below ${most}` });
  }
  return issues;
}

/** A sync batch as POST /api/v1/progress/sync parses it: ZSyncRequest, then each well-formed mutation against the content. */
export const ZCheckedSyncRequest = ZSyncRequest.superRefine((body, ctx) => {
  // Zod runs this after problems it can continue past (a rating of 7, a batch too long): check only well-formed mutations.
  if (!Array.isArray(body.mutations)) return;
  body.mutations.forEach((m, i) => {
    if (!ZMutation.safeParse(m).success) return;
    for (const issue of contentProblems(m as TMutation, i)) ctx.addIssue({ code: "custom", ...issue });
  });
});

/** `?track=` as GET and DELETE /api/v1/progress parse it: ZProgressQuery, and the slug names a track. */
export const ZCheckedProgressQuery = ZProgressQuery.superRefine((query, ctx) => {
  if (query.track !== undefined && !catalogTracks().some((t) => t.slug === query.track)) {
    ctx.addIssue({ code: "custom", path: ["track"], message: "is not a track" });
  }
});
